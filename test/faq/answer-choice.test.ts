import { beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../src/diagnosis.js';
import { createEngine, type Engine } from '../../src/engine.js';
import { chooseAnswer, showsCodeOrErrors } from '../../src/faq/answer-choice.js';
import { TriggerIndex } from '../../src/faq/triggers.js';

const entries = new Map([
  ['config-missing', { name: 'config-missing', title: 'ConfigMissing', triggers: ['mybot.errors.ConfigMissing'] }],
  ['loop-closed', { name: 'loop-closed', title: 'Our hosting closes the loop', triggers: ['Event loop is closed'] }],
]);
const index = new TriggerIndex([...entries.values()]);
const entryOf = (name: string) => entries.get(name) ?? null;

let engine: Engine;
beforeAll(async () => {
  engine = await createEngine();
});

function choose(text: string, unasked: boolean) {
  const d: Diagnosis = engine.diagnose(text);
  return chooseAnswer(d, index.match(d.paste.text, d.evidence.languages), entryOf, { confidentAt: 0.8, unasked });
}

const traceback = [
  'Traceback (most recent call last):',
  '  File "/app/bot.py", line 12, in <module>',
  '    config = load_config()',
  '  File "/app/mybot/config.py", line 40, in load_config',
  '    raise ConfigMissing(path)',
  'mybot.errors.ConfigMissing: config.yml',
].join('\n');

describe('chooseAnswer', () => {
  it('answers with the server entry when its trigger is in an error no built-in rule knows, asked or unasked', () => {
    expect(choose(traceback, false)).toMatchObject({ kind: 'entry', entry: { name: 'config-missing' }, trigger: 'mybot.errors.ConfigMissing' });
    expect(choose(traceback, true)).toMatchObject({ kind: 'entry', entry: { name: 'config-missing' } });
  });

  it('keeps a confident built-in rule first and names the triggered entry as "see also"', () => {
    const d = engine.diagnose(
      [
        'Traceback (most recent call last):',
        '  File "/app/main.py", line 9, in <module>',
        '    asyncio.run(main())',
        'RuntimeError: asyncio.run() cannot be called from a running event loop',
        'Exception ignored: RuntimeError: Event loop is closed',
      ].join('\n'),
    );
    expect(d.matches[0]!.confidence).toBeGreaterThanOrEqual(0.8);
    const choice = chooseAnswer(d, index.match(d.paste.text, d.evidence.languages), entryOf, { confidentAt: 0.8, unasked: true });
    expect(choice).toEqual({ kind: 'rule', seeAlso: [entries.get('loop-closed')] });
  });

  it('unasked, never answers plain chat that holds a trigger; asked (/explain), it does', () => {
    const chat = 'does anyone know why I get mybot.errors.ConfigMissing every morning?';
    expect(choose(chat, true)).toEqual({ kind: 'none' });
    expect(choose(chat, false)).toMatchObject({ kind: 'entry', entry: { name: 'config-missing' } });
  });

  it('changes nothing for a paste that holds no trigger', () => {
    expect(choose('hello there, thanks for the help', false)).toEqual({ kind: 'none' });
    expect(choose('Traceback (most recent call last):\n  File "a.py", line 1, in <module>\nKeyError: \'x\'', true)).toEqual({ kind: 'none' });
  });

  it('skips a triggered entry that no longer exists', () => {
    const d = engine.diagnose(traceback);
    expect(chooseAnswer(d, index.match(d.paste.text), () => null, { confidentAt: 0.8, unasked: false })).toEqual({ kind: 'none' });
  });
});

describe('showsCodeOrErrors', () => {
  it('is true for a traceback, an error line and a fenced code block, false for words', () => {
    expect(showsCodeOrErrors(engine.diagnose(traceback))).toBe(true);
    expect(showsCodeOrErrors(engine.diagnose('TypeError: Cannot read properties of undefined (reading \'send\')'))).toBe(true);
    expect(showsCodeOrErrors(engine.diagnose('```py\nprint(1)\n```'))).toBe(true);
    expect(showsCodeOrErrors(engine.diagnose('my bot says mybot.errors.ConfigMissing when it starts, any idea?'))).toBe(false);
  });
});
