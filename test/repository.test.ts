/**
 * The repository stands on its own and stays easy to find one's way in: every
 * runtime dependency is used, no source or test points at documents outside
 * the repository, and the tests mirror src/ (test/<dir> for src/<dir>).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path, keep);
    return keep(path) ? [path] : [];
  });
}

const codeFile = (p: string) => /\.(ts|mts|mjs|js)$/.test(p);
/** Pastes and captured replies are data: a path inside one belongs to whoever pasted it. */
const isData = (p: string) => /[/\\]test[/\\](fixtures|render[/\\]replies)[/\\]/.test(p);
const sourceFiles = filesUnder(join(root, 'src'), codeFile);
const testFiles = filesUnder(join(root, 'test'), (p) => codeFile(p) && !isData(p));

describe('the repository', () => {
  it('uses every runtime dependency it installs', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const source = sourceFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
    // An import, a dynamic import, or a file resolved inside the package (tree-sitter's grammar).
    const unused = Object.keys(pkg.dependencies).filter((name) => !source.includes(`'${name}'`) && !source.includes(`'${name}/`));
    expect(unused).toEqual([]);
  });

  it('points at no document outside itself', () => {
    // Built from parts so that this file does not name what it looks for.
    const outside = new RegExp(['(\\.\\./)+', 'shared/', '|/', 'work/', '|\\b', 'shared/[\\w-]+\\.md', '|discord-', 'notes|seed-', 'notes'].join(''));
    const pointing = [...sourceFiles, ...testFiles]
      .filter((f) => outside.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(pointing).toEqual([]);
  });

  it('keeps each test folder beside the src folder it tests', () => {
    // Folders whose subject is not under src/: the paste corpus, the documentation, and the fake Discord the bot's tests run against.
    const notSource = new Set(['corpus', 'docs', 'fake-discord']);
    const misplaced = filesUnder(join(root, 'test'), (p) => p.endsWith('.test.ts'))
      .map((f) => relative(join(root, 'test'), join(f, '..')))
      .filter((dir) => dir !== '' && !notSource.has(dir))
      .filter((dir) => {
        try {
          return !statSync(join(root, 'src', dir)).isDirectory();
        } catch {
          return true;
        }
      });
    expect([...new Set(misplaced)]).toEqual([]);
  });

  it('shows no shell line that would run as an accidental pipeline (alternatives separated by |)', () => {
    // A pipe may feed only a real program; `stats | review` would run `review`, which is no program.
    const programs = new Set(['npx', 'node', 'jq', 'head', 'tail', 'grep', 'less', 'sqlite3', 'psql', 'docker', 'curl', 'tee', 'wc', 'sort']);
    const bad: string[] = [];
    for (const doc of ['README.md', 'docs/self-hosting.md']) {
      const text = readFileSync(join(root, doc), 'utf8');
      for (const block of text.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)) {
        for (const line of block[1]!.split('\n')) {
          const code = line.split(' #')[0]!;
          const stages = code.split('|').slice(1).map((stage) => stage.trim().split(/\s+/)[0] ?? '');
          if (stages.some((first) => first !== '…' && !programs.has(first))) bad.push(`${doc}: ${line}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
