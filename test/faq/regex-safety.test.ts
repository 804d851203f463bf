/** Every regular expression in src/faq/ reads pastes or moderators' text: each must run in linear time. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../store/helpers.js';

const dir = join(repoRoot, 'src/faq');
const literals = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .flatMap((file) => {
    const source = ts.createSourceFile(file, readFileSync(join(dir, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const found: { where: string; pattern: string; flags: string }[] = [];
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(source);
        const end = text.lastIndexOf('/');
        found.push({ where: `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`, pattern: text.slice(1, end), flags: text.slice(end + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  });

describe('src/faq regexes', () => {
  it('finds the regexes it checks', () => {
    expect(literals.length).toBeGreaterThan(3);
  });

  it.each(literals)('$where /$pattern/$flags runs in linear time', { timeout: 120_000 }, ({ pattern, flags }) => {
    const result = checkSync(pattern, flags.replace(/[gy]/g, ''), { timeout: 90_000 });
    expect(result.status === 'safe' ? 'safe' : `${result.status}: ${result.status === 'vulnerable' ? result.complexity.summary : ''}`).toBe('safe');
  });
});
