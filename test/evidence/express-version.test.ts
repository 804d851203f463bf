/**
 * Express 4 ignores the promise a route handler returns; Express 5 forwards its rejection to the error
 * middleware. The code looks the same, so an `await` outside `try` in an async handler is the mistake
 * only when the paste says which Express it runs (`Express 4`, `express@4.18.2`, `"express": "^4.17.1"`).
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const route = ['```js', "app.get('/users/:id', async (req, res) => {", '  const user = await db.findUser(req.params.id);', '  res.json(user);', '});', '```'].join('\n');

describe('the Express version a paste states', () => {
  it('Express 4 stated: an await outside try in an async route is the mistake', () => {
    expect(rulesOf(`We run Express 4 and the request hangs when the lookup fails:\n\n${route}`)[0]).toBe('js/express-async-error');
    expect(rulesOf(`package.json has "express": "^4.17.1" and:\n\n${route}`)[0]).toBe('js/express-async-error');
  });

  it('Express 5 stated, or no version at all: silent', () => {
    expect(rulesOf(`With Express 5:\n\n${route}`)).toEqual([]);
    expect(rulesOf(`express@5.1.0 here:\n\n${route}`)).toEqual([]);
    expect(rulesOf(`Here is my route:\n\n${route}`)).toEqual([]);
  });

  it('two different versions stated: no version is taken', () => {
    expect(rulesOf(`It worked on Express 5 but we are stuck on Express 4 in production:\n\n${route}`)).toEqual([]);
  });

  it('a throw in a timer callback escapes whatever the version', () => {
    const timer = ['```js', "app.get('/problem', (req, res, next) => {", '  setTimeout(() => {', "    throw new Error('problem');", '  }, 10);', '});', '```'].join('\n');
    expect(rulesOf(`On Express 5:\n\n${timer}`)[0]).toBe('js/express-async-error');
  });
});
