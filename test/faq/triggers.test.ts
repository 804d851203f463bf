import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chatShare, checkTrigger, normaliseForTriggers, TriggerIndex, triggerLimits } from '../../src/faq/triggers.js';

/** Chat the shipped sample was not written from (see the file's header). */
const heldOutChat = readFileSync(new URL('../fixtures/ordinary-chat.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map(normaliseForTriggers);

/** Error strings a server might teach: real wordings from CPython, Node and discord.js, and a server's own library. */
const specific = [
  'ModuleNotFoundError: No module named',
  'Task was destroyed but it is pending!',
  'Unknown interaction',
  'ERR_REQUIRE_ESM',
  'mybot.errors.ConfigMissing',
  'Cannot read properties of undefined',
  'database is locked',
];

describe('normaliseForTriggers', () => {
  it('ignores case, curly quotes and how the line was wrapped', () => {
    expect(normaliseForTriggers('  NoneType\u2019 object\n   is not  Subscriptable ')).toBe("nonetype' object is not subscriptable");
    expect(normaliseForTriggers('\u201chello\u201d\tworld')).toBe('"hello" world');
  });
});

describe('checkTrigger', () => {
  it('refuses an empty trigger, and one of white space only', () => {
    expect(checkTrigger('')).toEqual({ ok: false, problem: 'empty' });
    expect(checkTrigger(' \n\t ')).toEqual({ ok: false, problem: 'empty' });
  });

  it('refuses triggers shorter than 6 characters after trimming, and takes 6', () => {
    expect(checkTrigger('  Errno ')).toMatchObject({ ok: false, problem: 'too-short' });
    expect(checkTrigger('E1234')).toMatchObject({ ok: false, problem: 'too-short' });
    expect(checkTrigger('EPIPE!')).toEqual({ ok: true, trigger: 'EPIPE!' });
  });

  it(`refuses a trigger longer than ${triggerLimits.maxChars} characters`, () => {
    expect(checkTrigger(`RuntimeError: ${'x'.repeat(triggerLimits.maxChars)}`)).toMatchObject({ ok: false, problem: 'too-long' });
  });

  it('refuses phrases found in more than 5 % of ordinary chat lines', () => {
    const verdict = checkTrigger('how do I');
    expect(verdict).toMatchObject({ ok: false, problem: 'too-common' });
    expect((verdict as { chatShare: number }).chatShare).toBeGreaterThan(0.05);
  });

  it('refuses triggers made only of everyday chat words, which match people talking rather than errors', () => {
    for (const t of ['thanks', 'my bot', 'python', 'Thank you', "I don't", 'the bot', '......', 'command']) {
      expect(checkTrigger(t), t).toMatchObject({ ok: false });
    }
  });

  it('takes error strings and a server library\'s own names, trimmed', () => {
    for (const t of specific) expect(checkTrigger(` ${t} `), t).toEqual({ ok: true, trigger: t });
  });

  it('on chat it was not written from, no accepted trigger matches more than 5 % of the lines', () => {
    for (const t of specific) expect(chatShare(normaliseForTriggers(t), heldOutChat), t).toBeLessThanOrEqual(0.05);
  });

  it('the refusal is the sample\'s verdict: against the held-out chat the same common phrase is refused too', () => {
    expect(checkTrigger('thanks', heldOutChat)).toMatchObject({ ok: false });
    expect(checkTrigger('how do I', heldOutChat)).toMatchObject({ ok: false, problem: 'too-common' });
    expect(checkTrigger('Unknown interaction', heldOutChat)).toMatchObject({ ok: true });
  });
});

describe('TriggerIndex', () => {
  const index = new TriggerIndex([
    { name: 'config-missing', triggers: ['mybot.errors.ConfigMissing'] },
    { name: 'py-module', triggers: ['ModuleNotFoundError: No module named'], language: 'python' },
    { name: 'js-esm', triggers: ['ERR_REQUIRE_ESM', 'require() of ES Module'], language: 'javascript' },
    { name: 'module-named-mybot', triggers: ["ModuleNotFoundError: No module named 'mybot"] },
  ]);

  it('finds an entry whatever the case and line wrapping of the paste', () => {
    const paste = 'Traceback (most recent call last):\n  File "bot.py", line 3\nMYBOT.ERRORS.CONFIGMISSING: token';
    expect(index.match(paste)).toEqual([{ name: 'config-missing', trigger: 'mybot.errors.ConfigMissing' }]);
  });

  it('puts the entry with the longer (more specific) trigger first', () => {
    expect(index.match("ModuleNotFoundError: No module named 'mybot.cogs'", ['python']).map((h) => h.name)).toEqual(['module-named-mybot', 'py-module']);
  });

  it('skips an entry for another language when the paste\'s language is known, and keeps it when unknown', () => {
    expect(index.match('Error [ERR_REQUIRE_ESM]: require() of ES Module', ['python'])).toEqual([]);
    expect(index.match('Error [ERR_REQUIRE_ESM]: require() of ES Module', ['javascript'])[0]).toEqual({ name: 'js-esm', trigger: 'require() of ES Module' });
    expect(index.match('Error [ERR_REQUIRE_ESM]', [])[0]?.name).toBe('js-esm');
  });

  it('matches nothing in a paste without any trigger, nor in one holding a trigger only in part', () => {
    expect(index.match('TypeError: object NoneType can\'t be used in \'await\' expression')).toEqual([]);
    expect(index.match('mybot.errors.Config missing')).toEqual([]);
  });

  it('leaves out a stored trigger too short to be safe (an old row or a hand-edited file) instead of matching on it', () => {
    const loose = new TriggerIndex([{ name: 'loose', triggers: ['err', ' ', 'RealSpecificError'] }]);
    expect(loose.size).toBe(1);
    expect(loose.match('err err err')).toEqual([]);
  });
});
