/**
 * py.mark-async-test: marks each unmarked `async def test_…` with
 * `@pytest.mark.asyncio` (`@pytest.mark.anyio` in a snippet that uses anyio)
 * and imports pytest when the snippet does not; an async fixture behind a
 * plain `@pytest.fixture` becomes `@pytest_asyncio.fixture`. The plugin itself
 * must be installed; the note says so.
 */
import type { Fixer } from '../types.js';
import { applyEdits, d, finish, findingsOf, importLine, indentAt, offsetOf, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

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
  const which = names.length <= 2 ? words('fix.py.tests-named', { names }) : words('fix.py.tests-counted', { count: names.length });
  const notes: Phrase[] = [];
  if (names.length > 0) notes.push(words('fix.py.marked-tests', { which, mark, plugin }));
  if (fixtures > 0) notes.push(words(fixtures === 1 ? 'fix.py.declared-fixture' : 'fix.py.declared-fixtures', { count: fixtures }));
  return finish(input, applyEdits(code, edits), notes);
};
