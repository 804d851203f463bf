import { child } from '../../evidence/python/snippet/model.js';
import type { Fixer, FixInput, FixOutput } from '../types.js';
import { applyEdits, finish, modelOf, offsetOf, findingsOf, d, orig, type Edit } from './edit.js';
import { words, type Phrase } from '../../evidence/types.js';

/** py.call-coroutine-function: `asyncio.run(main)` → `asyncio.run(main())`. */
export const callCoroutineFunction: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  for (const f of findingsOf(input, 'py.coroutine-function-not-called')) {
    if (d(f, 'requiredParams') !== '0') continue;
    const end = offsetOf(code, d(f, 'end'));
    if (end < 0) continue;
    edits.push({ start: end, end, text: '()' });
    notes.push(words('fix.py.called-for-sink', { name: d(f, 'name'), sink: d(f, 'sink') }));
  }
  if (edits.length === 0 && input.excerpt && input.findings.length === 0) return callOnQuotedLine(input);
  return finish(input, edits.length ? applyEdits(code, edits) : null, notes);
};

// asyncio's TypeError (tasks.py, runners.py): "a coroutine was expected, got <bound method C.tick of …>" / "got <function main at 0x…>".
const GOT_FUNCTION = /^a coroutine was expected, got <(?:bound method|function) ([\w.]+)[ >]/;

/**
 * No code block, only the line the traceback quotes: the function the error names is handed over
 * uncalled (`asyncio.create_task(self.tick)`): call it there. The one reference passed as an
 * argument is changed; anything less certain is left to the rule's example.
 */
function callOnQuotedLine(input: FixInput): FixOutput | null {
  const named = input.evidence.errors.map((e) => GOT_FUNCTION.exec(e.message)?.[1]).filter((x): x is string => !!x);
  if (named.length !== 1) return null;
  const name = named[0]!.split('.').at(-1)!;
  const m = modelOf(input);
  if (!m) return null;
  const refs = m.identifiers.filter((id) => {
    if (m.text(id) !== name) return false;
    const ref = id.parent?.type === 'attribute' && id.field === 'attribute' ? id.parent : id;
    return ref.parent?.type === 'argument_list' && !(ref.parent.parent && child(ref.parent.parent, 'function') === ref);
  });
  if (refs.length !== 1) return null;
  const id = refs[0]!;
  const ref = id.parent?.type === 'attribute' && id.field === 'attribute' ? id.parent : id;
  const end = orig(m, input.code, ref.end);
  return finish(input, applyEdits(input.code, [{ start: end, end, text: '()' }]), [words('fix.py.called-quoted', { name: m.text(ref) })]);
}
