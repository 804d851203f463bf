import { describe, expect, it } from 'vitest';
import { entryFromFile, entryToFile, readEntryFiles } from '../../src/faq/entry-file.js';
import type { FaqEntryContent } from '../../src/faq/entry.js';

const entry: FaqEntryContent = {
  name: 'config-missing',
  title: 'ConfigMissing: the bot cannot find config.yml',
  triggers: ['mybot.errors.ConfigMissing', "FileNotFoundError: [Errno 2] No such file or directory: 'config.yml'"],
  language: 'python',
  body: 'Copy `config.example.yml` to `config.yml`:\n\n```sh\ncp config.example.yml config.yml\n```',
};

const file = (name: string, front: string, body = 'The answer.') => ({ path: `${name}.md`, text: `---\n${front}\n---\n\n${body}\n` });

describe('FAQ entry files', () => {
  it('an entry written to a file reads back the same, quotes, colons and code blocks included', () => {
    const text = entryToFile(entry);
    expect(text.startsWith('---\nname: config-missing\n')).toBe(true);
    expect(entryFromFile({ path: 'config-missing.md', text })).toEqual({ ok: true, entry });
    const plain = { ...entry, language: null, triggers: [] };
    expect(entryFromFile({ path: 'x.md', text: entryToFile(plain) })).toEqual({ ok: true, entry: plain });
  });

  it('reads files with Windows line ends and a byte-order mark', () => {
    const text = '\uFEFF' + entryToFile(entry).replace(/\n/g, '\r\n');
    expect(entryFromFile({ path: 'config-missing.md', text })).toMatchObject({ ok: true, entry: { name: 'config-missing', language: 'python' } });
  });

  it('names each field that is wrong, every one of them', () => {
    const read = entryFromFile(file('Bad Name', 'name: Bad Name\ntitle: ""\ntriggers: [err, thanks, "mybot.errors.Fine"]\nlanguage: rust\ncolour: blue', '   '));
    expect(read.ok).toBe(false);
    const fields = (read as { problems: { field: string }[] }).problems.map((p) => p.field).sort();
    expect(fields).toEqual(['body', 'front matter', 'language', 'name', 'title', 'triggers.0', 'triggers.1'].sort());
    // Each problem is data for render/ to word in the reader's language.
    const problems = (read as { problems: { field: string; problem: unknown }[] }).problems;
    const byField = Object.fromEntries(problems.map((p) => [p.field, p.problem]));
    expect(byField).toMatchObject({
      name: { kind: 'name-shape' },
      title: { kind: 'empty' },
      language: { kind: 'one-of', options: ['python', 'javascript'] },
      'front matter': { kind: 'unknown-fields', keys: ['colour'] },
      'triggers.1': { kind: 'trigger', trigger: 'thanks', problem: 'chat-words' },
    });
  });

  it('says what is wrong with the file\'s shape: no front matter, no closing line, bad YAML, the answer in the front matter', () => {
    expect(entryFromFile({ path: 'a.md', text: 'just text' })).toMatchObject({ ok: false, problems: [{ field: 'front matter' }] });
    expect(entryFromFile({ path: 'a.md', text: '---\nname: a\n' })).toMatchObject({ ok: false, problems: [{ field: 'front matter', problem: { kind: 'unclosed-front-matter' } }] });
    expect(entryFromFile({ path: 'a.md', text: '---\nname: [a\n---\nx' })).toMatchObject({ ok: false, problems: [{ field: 'front matter' }] });
    expect(entryFromFile(file('a', 'name: a\ntitle: A\nbody: hi'))).toMatchObject({ ok: false, problems: [{ field: 'body' }] });
  });

  it('holds Discord\'s limits: a 101-character title, a 4,001-character answer and 11 triggers are refused', () => {
    const triggers = Array.from({ length: 11 }, (_, i) => `  - mybot.errors.Problem${i}`).join('\n');
    const read = entryFromFile(file('long', `name: long\ntitle: ${'t'.repeat(101)}\ntriggers:\n${triggers}`, 'b'.repeat(4001)));
    expect((read as { problems: { field: string }[] }).problems.map((p) => p.field).sort()).toEqual(['body', 'title', 'triggers']);
  });
});

describe('readEntryFiles (import)', () => {
  const good = { path: 'config-missing.md', text: entryToFile(entry) };

  it('returns every entry when every file is valid', () => {
    const other = { path: 'esm.md', text: entryToFile({ ...entry, name: 'esm', triggers: ['ERR_REQUIRE_ESM'], language: 'javascript' }) };
    const read = readEntryFiles([good, other]);
    expect(read.ok && read.entries.map((e) => e.name)).toEqual(['config-missing', 'esm']);
  });

  it('returns no entry at all when one file fails, and names each file and field', () => {
    const bad = file('short', 'name: short\ntitle: Short\ntriggers: [oops]');
    const twin = { path: 'sub/config-missing.md', text: entryToFile(entry) };
    const misnamed = { path: 'other.md', text: entryToFile({ ...entry, name: 'not-other', triggers: [] }) };
    const read = readEntryFiles([good, bad, twin, misnamed], { reserved: (n) => n === 'not-other' });
    expect(read.ok).toBe(false);
    expect((read as { problems: unknown[] }).problems).toEqual([
      { path: 'short.md', field: 'triggers.0', problem: { kind: 'trigger', trigger: 'oops', problem: 'too-short', limit: 6 } },
      { path: 'sub/config-missing.md', field: 'name', problem: { kind: 'duplicate-name', name: 'config-missing', firstFile: 'config-missing.md' } },
      { path: 'other.md', field: 'name', problem: { kind: 'name-not-file-name', name: 'not-other' } },
      { path: 'other.md', field: 'name', problem: { kind: 'builtin-name', name: 'not-other' } },
    ]);
  });
});
