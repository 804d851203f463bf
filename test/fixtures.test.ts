/**
 * The fixture corpus: real program output (test/fixtures/regenerate.mjs),
 * Discord-style pastes and real pastes from public issues. Each file under
 * cases/<py|js>/<slug>/ must be diagnosed as that rule first; each file under
 * negatives/ must match nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../src/engine.js';
import { catalogIds } from './knowledge/catalog-ids.js';

const root = fileURLToPath(new URL('./fixtures/', import.meta.url));
const engine = await createEngine();
const pasteFile = /\.(?:out\.txt|paste\.md|issue\.txt)$/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : pasteFile.test(e.name) ? [join(dir, e.name)] : []));
}

/** `.issue.txt` files start with `# source: <url>`; that line is provenance, not part of the paste. */
function pasteOf(file: string): string {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.issue.txt') ? text.replace(/^# source: .*\n/, '') : text;
}

const positives = walk(join(root, 'cases')).map((file) => {
  const [lang, slug] = relative(join(root, 'cases'), file).split('/');
  return { name: relative(root, file), file, expected: `${lang}/${slug}` };
});
const negatives = walk(join(root, 'negatives')).map((file) => ({ name: relative(root, file), file }));

describe('fixture corpus', () => {
  it.each(positives)('$name → $expected', ({ file, expected }) => {
    expect(engine.diagnose(pasteOf(file)).matches[0]?.rule.id).toBe(expected);
  });

  it.each(negatives)('$name → no known async error', ({ file }) => {
    expect(engine.diagnose(pasteOf(file)).matches.map((m) => m.rule.id)).toEqual([]);
  });

  it('has at least 4 fixtures for every catalog rule and 40 negatives', () => {
    const thin = catalogIds.filter((id) => positives.filter((p) => p.expected === id).length < 4);
    expect(thin).toEqual([]);
    expect(negatives.length).toBeGreaterThanOrEqual(40);
  });

  it('keeps the source URL of every real paste from a public issue', () => {
    const missing = [...positives, ...negatives].filter((p) => p.file.endsWith('.issue.txt') && !/^# source: https?:\/\/\S+/.test(readFileSync(p.file, 'utf8')));
    expect(missing.map((m) => m.name)).toEqual([]);
  });
});
