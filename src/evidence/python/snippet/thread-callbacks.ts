/**
 * Plain defs of the snippet that run on a thread other than the event loop's: handed to a thread
 * (`Thread(target=f)`, `Timer(5, f)`, `asyncio.to_thread(f)`, `loop.run_in_executor(None, f)`,
 * `pool.submit(f)`), or registered as a callback of a library that calls it from a thread of its own:
 * paho-mqtt's network thread (`client.on_message = f`, `client.message_callback_add(topic, f)`; its
 * `loop_start()` runs the client in a thread), watchdog's observer thread (the `on_*` methods of a
 * `FileSystemEventHandler` subclass), a `threading.Thread` subclass's `run`, pynput's listener thread (`keyboard.Listener(on_press=f)`, a
 * `threading.Thread`); or, when the paste's words put code on another thread and no thread is shown, its
 * plain defs. Read by the thread-safety detector (a task or callback scheduled from there
 * is unsafe) and by the task-not-kept detector (which leaves those calls to it).
 */
import { child, namedChildren, type SnippetModel } from './model.js';
import { keywordArg, positionalArgs, THREAD_CLASSES } from './detectors/shared.js';
import type { PyNode } from './tree.js';

const PAHO_CALLBACK = /^on_(?:connect|connect_fail|disconnect|message|publish|subscribe|unsubscribe|log)$/;
const PYNPUT_CALLBACK = /^on_(?:press|release|move|click|scroll)$/;
/** watchdog's handler classes (watchdog/events.py); their `on_*` methods are the observer thread's callbacks. */
const WATCHDOG_HANDLER = /(?:^|\.)(?:FileSystemEventHandler|PatternMatchingEventHandler|RegexMatchingEventHandler|LoggingEventHandler)$/;

/** The function argument a call hands to another thread, if it is one. */
function handedToThread(m: SnippetModel, call: PyNode, fnExpr: PyNode): PyNode[] {
  const q = m.resolve(fnExpr);
  if (q === 'threading.Timer') return [child(keywordArg(m, call, 'function') ?? call, 'value') ?? positionalArgs(call)[1] ?? null].filter((n): n is PyNode => n !== null);
  if (q && THREAD_CLASSES.has(q)) {
    const kw = keywordArg(m, call, 'target');
    return kw ? [child(kw, 'value')].filter((n): n is PyNode => n !== null) : [];
  }
  if (q === 'asyncio.to_thread') return positionalArgs(call).slice(0, 1);
  if (fnExpr.type !== 'attribute') return [];
  const method = m.text(child(fnExpr, 'attribute')!);
  if (method === 'run_in_executor') return positionalArgs(call).slice(1, 2);
  if (method === 'submit') return positionalArgs(call).slice(0, 1);
  if (method === 'message_callback_add' && m.importsAny(/^paho(\.|$)/)) return positionalArgs(call).slice(1, 2);
  if (/(?:^|\.)Listener$/.test(q ?? '') && m.importsAny(/^pynput(\.|$)/)) {
    const args = child(call, 'arguments');
    return args ? namedChildren(args).filter((a) => a.type === 'keyword_argument' && PYNPUT_CALLBACK.test(m.text(child(a, 'name')!))).map((a) => child(a, 'value')!).filter(Boolean) : [];
  }
  return [];
}

/** `client.on_message = handle`: a paho-mqtt callback set by assignment. */
function pahoAssigned(m: SnippetModel): PyNode[] {
  if (!m.importsAny(/^paho(\.|$)/)) return [];
  const out: PyNode[] = [];
  for (const id of m.identifiers) {
    const assignment = id.parent;
    if (assignment?.type !== 'assignment' || id.field !== 'right') continue;
    const left = child(assignment, 'left');
    const attr = left?.type === 'attribute' ? child(left, 'attribute') : null;
    if (attr && PAHO_CALLBACK.test(m.text(attr))) out.push(id);
  }
  return out;
}

/**
 * Methods a thread-owning base class calls on its own thread: the `on_*` methods of a watchdog handler
 * subclass, and `run` of a `threading.Thread` subclass (what `start()` runs in the new thread).
 */
function threadClassMethods(m: SnippetModel): PyNode[] {
  const watchdog = m.importsAny(/^watchdog(\.|$)/);
  const out: PyNode[] = [];
  for (const fn of m.byNode.values()) {
    const cls = fn.node.parent?.parent;
    if (fn.isAsync || cls?.type !== 'class_definition') continue;
    const bases = child(cls, 'superclasses');
    const names = bases ? namedChildren(bases).map((b) => m.resolve(b) ?? m.text(b)) : [];
    if (watchdog && /^on_\w+$/.test(fn.name) && names.some((b) => WATCHDOG_HANDLER.test(b))) out.push(fn.node);
    else if (fn.name === 'run' && names.includes('threading.Thread')) out.push(fn.node);
  }
  return out;
}

/**
 * The paste's words put code on another thread (SnippetHints.statedOtherThread) and it shows no thread of
 * its own starting: its plain defs are that code, except those the loop itself calls back (`loop.call_soon(f)`,
 * `fut.add_done_callback(f)`, `loop.add_signal_handler(sig, f)`), which run on the loop's thread.
 */
function statedThreadDefs(m: SnippetModel, shown: Set<PyNode>): PyNode[] {
  if (!m.hints.statedOtherThread || shown.size > 0) return [];
  const loopCalled = new Set<PyNode>();
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (fnExpr?.type !== 'attribute' || !/^(?:call_soon|call_soon_threadsafe|call_later|call_at|add_done_callback|add_signal_handler|add_reader|add_writer)$/.test(m.text(child(fnExpr, 'attribute')!))) continue;
    for (const arg of positionalArgs(call)) {
      const fn = m.snippetFunction(arg);
      if (fn) loopCalled.add(fn.node);
    }
  }
  return [...m.byNode.values()].filter((f) => !f.isAsync && !loopCalled.has(f.node)).map((f) => f.node);
}

export function functionsOnOtherThreads(m: SnippetModel): Set<PyNode> {
  const out = functionsShownOnOtherThreads(m);
  for (const fn of statedThreadDefs(m, out)) out.add(fn);
  return out;
}

function functionsShownOnOtherThreads(m: SnippetModel): Set<PyNode> {
  const out = new Set<PyNode>(threadClassMethods(m));
  const targets: PyNode[] = [...pahoAssigned(m)];
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (fnExpr) targets.push(...handedToThread(m, call, fnExpr));
  }
  for (const target of targets) {
    const fn = m.snippetFunction(target);
    if (fn && !fn.isAsync) out.add(fn.node);
  }
  return out;
}
