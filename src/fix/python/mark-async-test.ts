/**
 * py.mark-async-test: marks each unmarked `async def test_…` with
 * `@pytest.mark.asyncio` (`@pytest.mark.anyio` in a snippet that uses anyio)
 * and imports pytest when the snippet does not; an async fixture behind a
 * plain `@pytest.fixture` becomes `@pytest_asyncio.fixture`. The plugin itself
 * must be installed; the note says so.
 */
import type { Fixer } from '../types.js';
import { applyEdits, d, finish, findingsOf, importLine, indentAt, offsetOf, type Edit } from './edit.js';

const IMPORTS_PYTEST = /^[ \t]*import[ \t]+pytest[ \t]*(#|$)/m;

export const markAsyncTest: Fixer = (input) => {
  const code = input.code;
  const anyio = /^[ \t]*(import|from)[ \t]+anyio\b|\bmark\.anyio\b/m.test(code);
  const mark = anyio ? '@pytest.mark.anyio' : '@pytest.mark.asyncio';
  const edits: Edit[] = [];
  const names: string[] = [];
  let fixtures = 0;
  for (const f of findingsOf(input, 'py.async-test-not-marked')) {
    const at = offsetOf(code, d(f, 'start'));
    if (d(f, 'kind') === 'fixture') {
      const end = offsetOf(code, d(f, 'end'));
      if (at < 0 || end <= at) continue;
      edits.push({ start: at, end, text: 'pytest_asyncio.fixture' });
      fixtures++;
      continue;
    }
    if (at < 0 || !code.startsWith('async', at)) continue;
    edits.push({ start: at, end: at, text: `${mark}\n${indentAt(code, at)}` });
    names.push(`\`${d(f, 'fnName')}\``);
  }
  if (edits.length === 0) return null;
  if (fixtures > 0) {
    const imp = importLine(code, 'import pytest_asyncio');
    if (!imp) return null;
    edits.push(imp);
  }
  if (names.length > 0 && !IMPORTS_PYTEST.test(code)) {
    const imp = importLine(code, 'import pytest');
    if (!imp) return null;
    edits.push(imp);
  }
  const plugin = anyio ? 'anyio' : 'pytest-asyncio';
  const which = names.length <= 2 ? names.join(' and ') : `${names.length} async tests`;
  const notes: string[] = [];
  if (names.length > 0) notes.push(`marked ${which} with \`${mark}\` (the ${plugin} plugin must be installed)`);
  if (fixtures > 0) notes.push(`declared ${fixtures === 1 ? 'the async fixture' : `${fixtures} async fixtures`} with \`@pytest_asyncio.fixture\``);
  return finish(input, applyEdits(code, edits), notes);
};
