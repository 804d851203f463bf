/**
 * Tortoise ORM's `Model.filter(…).first()` and `Model.get(…)` build queries that run only when awaited;
 * Peewee's have the same shape and run at once. A paste that leaves out its imports is read as Tortoise
 * only when its words name it (`tortoise-orm = "^0.17.7"`, "Tortoise ORM", `tortoise.queryset.QuerySet`).
 */
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { CAMEL_CASE_CLASS } from '../../src/evidence/python/snippet/model.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const code = ['```python', '    item = Domain.filter(id=item_id).first()', '    print(type(item))', '```'].join('\n');

describe('Tortoise ORM named in the paste', () => {
  it('the package or its module path named: the query kept without await is a value, not the model', () => {
    expect(rulesOf(`${code}\nit returns a tortoise.queryset.QuerySet object`)[0]).toBe('py/coroutine-used-as-value');
    expect(rulesOf(`tortoise-orm = "^0.17.7"\n\n${code}`)[0]).toBe('py/coroutine-used-as-value');
    expect(rulesOf(`Using Tortoise ORM:\n\n${code}`)[0]).toBe('py/coroutine-used-as-value');
  });

  it('not named (Peewee has the same shape, synchronous), or only a tortoise the animal: silent', () => {
    expect(rulesOf(`Here is my query:\n\n${code}`)).toEqual([]);
    expect(rulesOf(`peewee 3.17, the tortoise is slow:\n\n${code}`)).toEqual([]);
  });
});

describe('the model-class name test', () => {
  it('reads a pasted name in linear time (recheck), and still tells a CamelCase class from a constant', () => {
    expect(checkSync(CAMEL_CASE_CLASS.source, CAMEL_CASE_CLASS.flags, { timeout: 30_000 }).status).toBe('safe');
    expect(['Domain', 'UserProfile', 'HTTPRequest2'].filter((n) => CAMEL_CASE_CLASS.test(n))).toEqual(['Domain', 'UserProfile', 'HTTPRequest2']);
    expect(['CONFIG', 'domain', 'D', 'Domainé'].filter((n) => CAMEL_CASE_CLASS.test(n))).toEqual([]);
  });
});
