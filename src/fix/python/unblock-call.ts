import type { SnippetModel } from '../../evidence/python/snippet/index.js';
import { child } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import type { Fixer } from '../types.js';
import { callAt, modelOf, offsetOf, ON_LOOP, findingsOf, d, orig, type Edit, finishWithImport, applyEdits, finish } from './edit.js';
import { offThread, offThreadName } from './off-thread.js';
import { words, type Phrase } from '../../evidence/types.js';

// Reads on what a blocking call hands back (a response, a file): they block too, so they move with it.
const BLOCKING_READS = new Set(['read', 'readline', 'readlines', 'read1', 'readall']);

/** `urlopen(url).read()`: the call with the reads chained on it, when there are any. */
function withReads(m: SnippetModel, call: PyNode): PyNode | null {
  let top = call;
  for (;;) {
    const attr = top.parent;
    const next = attr?.parent;
    if (!attr || attr.type !== 'attribute' || top.field !== 'object' || !next || next.type !== 'call' || attr.field !== 'function') break;
    const name = child(attr, 'attribute');
    if (!name || !BLOCKING_READS.has(m.text(name))) break;
    top = next;
  }
  return top === call ? null : top;
}

function needsParens(n: PyNode): boolean {
  const p = n.parent;
  return !!p && ((p.type === 'attribute' && n.field === 'object') || (p.type === 'subscript' && n.field === 'value') || (p.type === 'call' && n.field === 'function'));
}

/**
 * py.unblock-call: `time.sleep` → `await asyncio.sleep`; other blocking calls → `await
 * asyncio.to_thread(f, …)` (`run_in_executor` before Python 3.9), moving the reads chained on the
 * call (`urlopen(url).read()`) with it.
 */
export const unblockCall: Fixer = (input) => {
  const code = input.code;
  const edits: Edit[] = [];
  const notes: Phrase[] = [];
  const version = input.evidence.context?.pythonVersion ?? null;
  const m = modelOf(input);
  // A line the question names ("the `time.sleep(3)` … needs to be changed") in code the rule says
  // runs on the loop: its pause becomes `await asyncio.sleep(…)`. Other calls need more than a line.
  if (input.excerpt) {
    if (!input.excerpt.named || !m) return null;
    const sleeps = sleepsOfFragment(m, code, notes);
    return sleeps.length ? finish(input, applyEdits(code, sleeps), notes) : null;
  }
  for (const f of findingsOf(input, 'py.blocking-call-in-async')) {
    if (!ON_LOOP.has(d(f, 'context')) || d(f, 'blocking') === 'busy loop') continue;
    const call = m ? callAt(m, f) : null;
    const chain = m && call ? withReads(m, call) : null;
    if (chain && m) {
      const from = orig(m, code, chain.start);
      const to = orig(m, code, chain.end);
      const inner = offThread(version, '', '', code.slice(from, to));
      edits.push({ start: from, end: to, text: needsParens(chain) ? `(${inner})` : inner });
      notes.push(words('fix.py.moved-chain-off-thread', { callee: d(f, 'callee'), with: offThreadName(version) }));
      continue;
    }
    // A busy loop has no call to move; `open()` hands back a file whose reads block too, so moving the open alone fixes nothing.
    if (d(f, 'blocking') === 'open') continue;
    const start = offsetOf(code, d(f, 'start'));
    const end = offsetOf(code, d(f, 'end'));
    const calleeEnd = offsetOf(code, d(f, 'calleeEnd'));
    const argsStart = offsetOf(code, d(f, 'argsStart'));
    const argsEnd = offsetOf(code, d(f, 'argsEnd'));
    if (start < 0 || end < 0 || calleeEnd < 0) continue;
    const wrap = d(f, 'wrap') === 'paren';
    const callee = d(f, 'callee');
    if (d(f, 'blocking') === 'time.sleep' && !d(f, 'via')) {
      edits.push({ start, end: calleeEnd, text: wrap ? '(await asyncio.sleep' : 'await asyncio.sleep' });
      if (wrap) edits.push({ start: end, end, text: ')' });
      notes.push(words('fix.py.await-asyncio-sleep', { callee }));
      continue;
    }
    if (argsStart < 0 || argsEnd < 0) continue;
    const args = code.slice(argsStart, argsEnd).trim().replace(/,\s*$/, '');
    // `os.popen(cmd)` as a statement only starts a shell command: asyncio starts one without
    // blocking. (On a thread it would hand back a pipe whose reads block the loop again.)
    if (callee === 'os.popen' && call && m?.usage(call).kind === 'bare' && !wrap) {
      edits.push({ start, end, text: `await asyncio.create_subprocess_shell(${args})` });
      notes.push(words('fix.py.subprocess-shell', { callee }));
      continue;
    }
    const inner = offThread(version, callee, args, null);
    edits.push({ start, end, text: wrap ? `(${inner})` : inner });
    notes.push(words('fix.py.moved-off-thread', { callee, with: offThreadName(version) }));
  }
  if (edits.length === 0 && findingsOf(input, 'py.blocking-call-in-async').length === 0 && m) edits.push(...sleepsOfFragment(m, code, notes));
  if (edits.length === 0) return null;
  return finishWithImport(input, edits, notes);
};

/**
 * No finding: the rule matched on what the paste says around a few lines cut from an `async def`
 * ("`_push_messages` is an `async def` that uses `time.sleep(0.5)`"), which the analyser read as a
 * module. A block with no function of its own and nothing that starts a loop is such a fragment:
 * its `time.sleep(…)` runs on the loop, and becomes `await asyncio.sleep(…)`.
 */
function sleepsOfFragment(m: SnippetModel, code: string, notes: Phrase[]): Edit[] {
  if (m.functions.size > 0 || /\b(asyncio\.run|run_until_complete|run_forever|__main__)\b/.test(code)) return [];
  const edits: Edit[] = [];
  for (const call of m.calls) {
    const f = child(call, 'function');
    if (!f || m.text(f) !== 'time.sleep') continue;
    const u = m.usage(call);
    if (u.kind !== 'bare' && u.kind !== 'stored') continue;
    const start = orig(m, code, f.start);
    const end = orig(m, code, f.end);
    if (start < 0 || end < 0) continue;
    edits.push({ start, end, text: 'await asyncio.sleep' });
    notes.push(words('fix.py.await-asyncio-sleep', { callee: 'time.sleep' }));
  }
  return edits;
}
