/**
 * Python tracebacks as data: frames, the raised error, chained exceptions,
 * ExceptionGroup boxes (3.11+), IPython/Jupyter tracebacks and SyntaxError
 * carets. Line-based: tolerant of truncated pastes (frames without a header,
 * a header without frames) and of prose around them.
 */
import type { Frame, RaisedError } from '../types.js';
import { pointedAt } from './caret.js';

const frameLine = /^\s*File "([^"]+)", line (\d+)(?:, in (.+))?/;
const ipythonCellFrame = /^\s*(Cell In ?\[\d*\]), line (\d+)(?:, in (.+))?/;
/**
 * IPython up to 7.x (ultratb's `'%s %s' % (link, call)`): `<ipython-input-3-1e034bf56ac5> in go()`, `/x/base_events.py
 * in run_until_complete(self, future)`; a module's frame has no argument list (`<ipython-input-1-…> in <module>`).
 */
const oldIpythonFrame = /^\s*(<ipython-input-[\w-]+>|\S+\.py) in (?:(<module>)\s*$|([^(\s][^(]*)\()/;
/**
 * IPython 8.0 to 8.4 name a notebook cell `Input In [3]` (ultratb's _format_filename), with no line number: `Input In [3], in <cell line: 1>()`;
 * VS Code's notebooks of that time wrote the notebook and cell instead: `c:\\Users\\me\\a.ipynb Cell 2 in <cell line: 8>()`.
 */
const inputInFrame = /^\s*(Input In \[\d*\]), in ([^\s(][^(]*)/;
const vscodeCellFrame = /^\s*(\S[^\n]{0,300}?\.ipynb Cell \d{1,5}) in ([^\s(][^(]*)/;
const ipythonHeader = /^\s*([A-Za-z_][\w.]*)\s{2,}Traceback \(most recent call last\)\s*$/;
const ipythonArrow = /^\s*-+>\s*(\d+)\s(.*)/;
/** A frame line whose `File "…", ` the paste cut off (` line 108, in watthourmeter`). */
const cutFrameLine = /^\s*line \d{1,7}, in [\w.<>]+\s*$/;
const exceptionLine = /^([A-Za-z_][\w.]*)(?::\s?(.*)|$)/;
const groupSeparator = /^\s*\+(?:-\+)?-+(?: (?:\d+|\.\.\.) -+)?\s*$/;
const boxPrefix = /^\s*\| ?/;

/** Paths that belong to Python itself or installed packages, not to the user. */
export function isLibraryPath(file: string): boolean {
  const f = file.replace(/\\/g, '/').toLowerCase();
  return (
    f.includes('site-packages/') ||
    f.includes('dist-packages/') ||
    /\/lib\/python\d/.test(f) ||
    /\/python\d+\/lib\//.test(f) ||
    f.startsWith('<frozen') ||
    f.includes('/asyncio/') ||
    f.includes('ipykernel') ||
    f.includes('/.pyenv/versions/')
  );
}

/** IPython 8 writes a frame's function with its arguments (`BaseEventLoop._check_closed(self)`): the name is what precedes them. */
function functionName(fn: string | undefined): string | null {
  const name = fn?.trim() ?? '';
  const args = name.indexOf('(');
  return (args > 0 ? name.slice(0, args) : name) || null;
}

function makeFrame(file: string, line: string, fn: string | undefined): Frame {
  return { file, line: Number(line), function: functionName(fn), source: null, library: isLibraryPath(file) };
}

/** IPython 8's `File /path/to/file.py:186, in run(main, debug)`, cut by hand (paths may hold colons). */
function ipythonFileFrame(line: string): [string, string, string, string | undefined] | null {
  const t = line.trim();
  if (!t.startsWith('File ') || t.startsWith('File "')) return null;
  const rest = t.slice(5);
  const inAt = rest.indexOf(', in ');
  const loc = inAt >= 0 ? rest.slice(0, inAt) : rest;
  const colon = loc.lastIndexOf(':');
  const lineNo = loc.slice(colon + 1);
  if (colon <= 0 || !/^\d{1,7}$/.test(lineNo)) return null;
  return [t, loc.slice(0, colon), lineNo, inAt >= 0 ? rest.slice(inAt + 5) : undefined];
}

/** `raise TypeError('A Future or coroutine is required')`: the error a cut-off traceback was about to print. */
const raiseSource = /^raise ([A-Za-z_][\w.]*)\((?:'([^']*)'|"([^"]*)")\)$/;
/**
 * A raise without a message: asyncio's `raise exceptions.TimeoutError() from exc` (wait_for, 3.7 to
 * 3.10), `raise TimeoutError from exc_val` (asyncio.timeout, 3.11+), `raise futures.TimeoutError()`
 * (3.5/3.6). The class must look like one (a capital after the last dot): `raise exc` re-raises a variable.
 */
const raiseNoMessage = /^raise ((?:[a-z_]\w*\.)*[A-Z]\w*)(?:\(\))?(?: from \w+)?$/;
const raiseOpen = /^raise ([A-Za-z_][\w.]*)\($/;
/**
 * A raise whose literal message is formatted on the next line, cut after the first:
 * asyncio's get_event_loop (3.4 to 3.13) `raise RuntimeError('There is no current event loop in thread %r.'`
 * with `% threading.current_thread().name)` below it. The message keeps its placeholder.
 */
const raiseContinued = /^raise ([A-Za-z_][\w.]*)\((?:'([^']*)'|"([^"]*)")$/;

/**
 * asyncio's own checks (Lib/asyncio/base_events.py) raise one RuntimeError each and call nothing that
 * raises: a traceback cut at one of their frames, or at the `self._check_…()` line that calls them,
 * was about to print it. `_check_running` also says "Cannot run the event loop while another loop is
 * running" (3.7+), the same mistake; its first message stands for both.
 */
const asyncioChecks: ReadonlyMap<string, string> = new Map([
  ['_check_running', 'This event loop is already running'],
  ['_check_closed', 'Event loop is closed'],
  ['_check_thread', 'Non-thread-safe operation invoked on an event loop other than the current one'],
]);
const asyncioCheckCall = /^self\.(_check_\w+)\(\)$/;
const baseEventsFile = /asyncio[\\/]base_events\.py$/;

/**
 * The message of the RuntimeError a traceback cut inside asyncio's base_events.py was about to print,
 * or null. run_until_complete checks for a closed loop before it calls `self.run_forever()`, so a
 * RuntimeError (IPython names the type in its header) escaping that call is run_forever's check for a
 * loop already running: the callbacks it runs have their exceptions caught and logged.
 */
function asyncioCheckMessage(last: Frame | undefined, headerType: string | null): string | null {
  if (!last || !baseEventsFile.test(last.file)) return null;
  const source = last.source?.trim() ?? '';
  // IPython 8 qualifies the name (`BaseEventLoop._check_closed`).
  const fn = (last.function ?? '').split('.').pop()!;
  if (source === '') return asyncioChecks.get(fn) ?? null;
  const call = asyncioCheckCall.exec(source);
  if (call) return asyncioChecks.get(call[1]!) ?? null;
  if (headerType === 'RuntimeError' && fn === 'run_until_complete' && source === 'self.run_forever()') return asyncioChecks.get('_check_running')!;
  return null;
}

/**
 * BaseEventLoop's methods whose whole body is `raise NotImplementedError` (Lib/asyncio/base_events.py, 3.4 to
 * 3.14): the loops that can do the work override them (selector_events, proactor_events, unix_events,
 * windows_events); a loop that does not, such as Windows' SelectorEventLoop for `_make_subprocess_transport`,
 * falls through to base_events.py. A traceback cut at such a frame in base_events.py was about to print that error.
 */
const abstractLoopMethods: ReadonlySet<string> = new Set([
  '_make_socket_transport',
  '_make_ssl_transport',
  '_make_datagram_transport',
  '_make_read_pipe_transport',
  '_make_write_pipe_transport',
  '_make_subprocess_transport',
  '_write_to_self',
  '_process_events',
]);
/** A method call in a source line (`transport = await self._make_subprocess_transport(`): its name. */
const methodCall = /\.([A-Za-z_]\w*)\(/g;

/**
 * The BaseEventLoop method a traceback cut at its last frame stopped in, when that frame is in base_events.py and
 * the method only raises NotImplementedError; else null. A paste cut inside the frame line itself leaves the name
 * short (`File "…\\asyncio\\base_events.py", line 487, in _m`): the caller's source line says which method it
 * called, and a name it starts is that method. The last frame shows no source line (the cut came first).
 */
function abstractLoopMethod(frames: readonly Frame[]): string | null {
  const last = frames[frames.length - 1];
  if (!last || last.source != null || !baseEventsFile.test(last.file)) return null;
  // IPython 8 qualifies the name (`BaseEventLoop._make_subprocess_transport`).
  const fn = (last.function ?? '').split('.').pop()!;
  if (abstractLoopMethods.has(fn)) return fn;
  const caller = frames[frames.length - 2]?.source;
  if (fn.length < 2 || !caller) return null;
  for (const m of caller.matchAll(methodCall)) if (m[1]!.startsWith(fn) && abstractLoopMethods.has(m[1]!)) return m[1]!;
  return null;
}

/**
 * A traceback pasted without its final error line (cut by hand, or by a logger) still says what was
 * raised when its last frame's source line is a `raise` with a literal message.
 */
function errorFromRaise(frames: Frame[], chain: RaisedError['chain'], inGroup: boolean, lineIndex: number, headerType: string | null): RaisedError | null {
  const source = frames[frames.length - 1]?.source;
  const m = source ? raiseSource.exec(source) : null;
  if (m) return { language: 'python', type: m[1]!, message: m[2] ?? m[3] ?? '', frames, chain, inGroup, lineIndex, cut: true };
  const bare = source ? raiseNoMessage.exec(source) : null;
  if (bare) return { language: 'python', type: bare[1]!, message: '', frames, chain, inGroup, lineIndex, cut: true };
  const continued = source ? raiseContinued.exec(source) : null;
  if (continued) return { language: 'python', type: continued[1]!, message: continued[2] ?? continued[3] ?? '', frames, chain, inGroup, lineIndex, cut: true };
  // A raise spread over several lines shows only its first (`raise BaseExceptionGroup(`): the type, not the message.
  const open = source ? raiseOpen.exec(source) : null;
  if (open) return { language: 'python', type: open[1]!, message: '', frames, chain, inGroup, lineIndex, cut: true };
  const checked = asyncioCheckMessage(frames[frames.length - 1], headerType);
  if (checked) return { language: 'python', type: 'RuntimeError', message: checked, frames, chain, inGroup, lineIndex, cut: true };
  const method = abstractLoopMethod(frames);
  if (method) {
    // The frame keeps the whole name, so a rule that names the method finds it where the paste cut it short.
    const named = frames.map((f, i) => (i === frames.length - 1 ? { ...f, function: method } : f));
    return { language: 'python', type: 'NotImplementedError', message: '', frames: named, chain, inGroup, lineIndex, cut: true };
  }
  // IPython prints the error's type in its header (`RuntimeError   Traceback (most recent call last)`).
  if (headerType && frames.length > 0) return { language: 'python', type: headerType, message: '', frames, chain, inGroup, lineIndex, cut: true };
  return null;
}

/** Colab writes frame paths as Markdown links: `[/usr/lib/python3.10/x.py](https://localhost:8080/#) in f(a)`. */
function unwrapColabLink(line: string): string {
  const t = line.trimStart();
  if (!t.startsWith('[')) return line;
  const close = t.indexOf('](');
  const end = close >= 0 ? t.indexOf(')', close) : -1;
  if (close < 0 || end < 0 || !/^\]\(https?:\/\/localhost:\d{1,5}\/#?\)$/.test(t.slice(close, end + 1))) return line;
  return t.slice(1, close) + t.slice(end + 1);
}

/**
 * VS Code's notebooks turn a traceback's cell line numbers into links: `Cell In[5], [line 19](vscode-notebook-cell:?execution_count=5&line=19)`,
 * `----> [8](vscode-notebook-cell:/c%3A/…/a.ipynb#W1s…?line=7) result = …`. The link's text is what IPython printed:
 * `[text](vscode-notebook-cell:target)` with 1 to 40 characters of text and up to 2,000 of target, no space in it.
 * Read from each link's marker rather than by one regex, which backtracked through its bounded runs at every `[`
 * and every unclosed link of a hostile line (recheck: polynomial; 56 ms on a 48 KB line of unclosed links).
 */
const NOTEBOOK_LINK = '](vscode-notebook-cell:';
const LINK_TARGET_STOP = /[)\s]/g;
function unwrapNotebookLinks(line: string): string {
  let at = line.indexOf(NOTEBOOK_LINK);
  if (at < 0) return line;
  let out = '';
  let from = 0;
  // Where the target read last stopped, at a `)` or a space: later targets start after it or stop there too.
  let stop = -1;
  while (at >= 0) {
    const target = at + NOTEBOOK_LINK.length;
    if (stop < target) {
      LINK_TARGET_STOP.lastIndex = target;
      stop = LINK_TARGET_STOP.exec(line)?.index ?? line.length;
    }
    const open = notebookLinkTextStart(line, from, at);
    if (open >= 0 && line[stop] === ')' && stop - target <= 2000) {
      out += line.slice(from, open) + line.slice(open + 1, at);
      from = stop + 1;
      at = line.indexOf(NOTEBOOK_LINK, from);
    } else {
      at = line.indexOf(NOTEBOOK_LINK, at + 1);
    }
  }
  return out + line.slice(from);
}

/** The `[` opening the link text that ends at `close`: the first one within 40 characters with no `]` or line break after it, or -1. */
function notebookLinkTextStart(line: string, from: number, close: number): number {
  let start = Math.max(from, close - 41);
  for (let i = close - 1; i >= start; i--) {
    if (line[i] === ']' || line[i] === '\n') {
      start = i + 1;
      break;
    }
  }
  for (let i = start; i <= close - 2; i++) if (line[i] === '[') return i;
  return -1;
}

/**
 * The indented code line right above the first `File "…", line N` of a traceback that has no
 * `Traceback (most recent call last):` header: the tail of a frame cut off by the paste. Null when
 * the line above is anything else (prose, an error line, a blank, a line already read).
 */
function orphanSourceAbove(lines: readonly string[], i: number, consumed: ReadonlySet<number>): string | null {
  let at = i - 1;
  // Python 3.11+ underlines the failing part of a source line with a caret line.
  while (at >= 0 && /^\s+[~^]+\s*$/.test(lines[at]!)) at--;
  const above = lines[at];
  if (above === undefined || consumed.has(at) || !/^\s+\S/.test(above)) return null;
  const t = above.trim();
  if (t.startsWith('Traceback') || t.startsWith('```') || /^[\s~^]+$/.test(above) || frameLine.test(above)) return null;
  return t;
}

/** An error line as a whole-traceback indent leaves it: a capitalised class, then its message or nothing. */
const indentedErrorLine = /^(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?::\s|:$|$)/;

/** An exception class alone on a line, as Python prints one raised without a message (`asyncio.exceptions.CancelledError`). */
const bareExceptionClass = /^(?:[A-Za-z_]\w*\.)*[A-Z]\w*(?:Error|Exception|Interrupt|Exit)$/;

/**
 * A messageless exception whose frames the paste left out is still Python's when a chain marker
 * joins it to the next one: the line right above `During handling of the above exception…` (or
 * `The above exception was the direct cause…`), or right below one.
 */
function chainedBareError(lines: readonly string[], i: number, t: string, chain: RaisedError['chain']): boolean {
  if (!bareExceptionClass.test(t)) return false;
  if (chain !== null) return true;
  let next = i + 1;
  while (next < lines.length && lines[next]!.trim() === '') next++;
  const marker = lines[next]?.trim() ?? '';
  return marker.startsWith('During handling of the above exception') || marker.startsWith('The above exception was the direct cause');
}

export function parsePythonTracebacks(lines: readonly string[]): { errors: RaisedError[]; consumed: Set<number> } {
  const errors: RaisedError[] = [];
  const consumed = new Set<number>();
  let frames: Frame[] = [];
  let inTraceback = false;
  let ipython = false;
  let inGroup = false;
  let chain: RaisedError['chain'] = null;
  let lastConsumed = -1;
  let headerType: string | null = null;
  /**
   * How far the `Traceback (most recent call last):` line was indented: a logger that indents the
   * whole traceback (Tornado's `[E 15:32:58 LabApp] Uncaught exception` block) indents its error line
   * as far, and only source lines further.
   */
  let headerIndent = 0;
  /** The source line above a traceback pasted from its middle (see `RaisedError.cutSource`). */
  let cutSource: string | null = null;
  // Set by `Exception ignored in: …`: the next error is one the unraisable hook reported.
  let ignored = false;
  const push = (error: RaisedError) => {
    const withCut = cutSource !== null ? { ...error, cutSource } : error;
    errors.push(ignored ? { ...withCut, ignored } : withCut);
    ignored = false;
    cutSource = null;
  };
  /** Tracebacks that ended without an error line and without a raise or header naming one. */
  const unnamed: { frames: Frame[]; chain: RaisedError['chain']; inGroup: boolean; lineIndex: number }[] = [];
  const endWithoutErrorLine = () => {
    const raised = inTraceback ? errorFromRaise(frames, chain, inGroup, lastConsumed, headerType) : null;
    if (raised) push(raised);
    else if (inTraceback) {
      if (frames.length > 0) unnamed.push({ frames, chain, inGroup, lineIndex: lastConsumed });
      // A cut frame's source line belongs to its own traceback, never to an error further down.
      cutSource = null;
    }
    inTraceback = false;
  };

  for (let i = 0; i < lines.length; i++) {
    if (consumed.has(i - 1)) lastConsumed = i - 1;
    let line = unwrapNotebookLinks(unwrapColabLink(lines[i]!));
    if (line.length === 0) continue;
    if (groupSeparator.test(line)) {
      inGroup = true;
      frames = [];
      inTraceback = false;
      consumed.add(i);
      continue;
    }
    const boxed = boxPrefix.test(line) && (inGroup || inTraceback || /\|\s+(?:Traceback|File ")/.test(line));
    if (boxed) line = line.replace(boxPrefix, '');
    const t = line.trim();

    if (t.startsWith('Traceback (most recent call last)') || t.startsWith('+ Exception Group Traceback') || t.startsWith('Exception Group Traceback')) {
      endWithoutErrorLine();
      inTraceback = true;
      ipython = false;
      headerType = null;
      headerIndent = line.length - line.trimStart().length;
      frames = [];
      consumed.add(i);
      continue;
    }
    const ipyHead = ipythonHeader.exec(line);
    if (ipyHead) {
      endWithoutErrorLine();
      headerType = ipyHead[1]!;
      headerIndent = 0;
      inTraceback = true;
      ipython = true;
      frames = [];
      consumed.add(i);
      continue;
    }
    if (t.startsWith('Exception ignored ')) {
      endWithoutErrorLine();
      ignored = true;
      consumed.add(i);
      continue;
    }
    if (t.startsWith('During handling of the above exception')) {
      chain = 'context';
      consumed.add(i);
      continue;
    }
    if (t.startsWith('The above exception was the direct cause')) {
      chain = 'cause';
      consumed.add(i);
      continue;
    }
    // A traceback pasted from its last frame on, cut inside the frame's own line: its source line
    // (indented, under it) is the user's line that raised, with no file to name.
    if (!inTraceback && frames.length === 0 && cutFrameLine.test(line) && /^\s+\S/.test(lines[i + 1] ?? '') && !cutFrameLine.test(lines[i + 1]!)) {
      cutSource = lines[i + 1]!.trim();
      inTraceback = true;
      consumed.add(i);
      continue;
    }
    const f = frameLine.exec(line) ?? ipythonCellFrame.exec(line) ?? (inTraceback && ipython ? ipythonFileFrame(line) : null);
    if (f && !inTraceback && frames.length === 0) cutSource = orphanSourceAbove(lines, i, consumed);
    if (f) {
      frames.push(makeFrame(f[1]!, f[2]!, f[3]));
      if (f[1]!.startsWith('Cell In') || f[1]!.includes('ipython-input')) ipython = true;
      inTraceback = true;
      consumed.add(i);
      continue;
    }
    const old = inTraceback ? oldIpythonFrame.exec(line) : null;
    if (old) {
      frames.push({ file: old[1]!, line: null, function: old[2] ?? old[3]!, source: null, library: isLibraryPath(old[1]!) });
      consumed.add(i);
      continue;
    }
    const input = inputInFrame.exec(line) ?? vscodeCellFrame.exec(line);
    if (input) {
      frames.push({ file: input[1]!, line: null, function: functionName(input[2]), source: null, library: false });
      ipython = true;
      inTraceback = true;
      consumed.add(i);
      continue;
    }
    if (!inTraceback && chainedBareError(lines, i, t, chain)) {
      push({ language: 'python', type: t, message: '', frames: [], chain, inGroup, lineIndex: i });
      consumed.add(i);
      chain = null;
      continue;
    }
    if (!inTraceback) {
      // `Exception ignored in: …` followed directly by the error line (no traceback was printed).
      const bare = ignored ? exceptionLine.exec(t) : null;
      if (bare && /^[A-Z]/.test(bare[1]!.split('.').pop()!) && bare[2] !== undefined) {
        push({ language: 'python', type: bare[1]!, message: bare[2].trim(), frames: [], chain: null, inGroup, lineIndex: i });
        consumed.add(i);
      }
      ignored = false;
      continue;
    }

    const last = frames[frames.length - 1];
    const arrow = ipythonArrow.exec(line);
    if (arrow && last) {
      last.line = Number(arrow[1]);
      last.source = arrow[2]!.trim();
      consumed.add(i);
      continue;
    }
    const errorAtHeaderIndent = headerIndent > 0 && line.length - line.trimStart().length <= headerIndent && indentedErrorLine.test(t);
    if (/^\s/.test(line) && !errorAtHeaderIndent) {
      // The source line under a frame, a caret line, or IPython's numbered context.
      // IPython elides the middle of a long context with `(...)`: not the frame's line.
      if (last && last.source == null && !/^[\s~^]+$/.test(line) && !(ipython && (/^\s+\d+\s/.test(line) || t === '(...)'))) last.source = t;
      else if (last?.source != null && last.pointed === undefined && i > 0) {
        const pointed = pointedAt(lines[i - 1]!, lines[i]!);
        if (pointed !== null) last.pointed = pointed;
      }
      consumed.add(i);
      continue;
    }
    // `...`, Python's `[Previous line repeated N more times]`, Colab's folded `3 frames`.
    if (t === '...' || t.startsWith('[Previous line repeated') || /^\d{1,4} frames?$/.test(t)) continue;
    const ex = exceptionLine.exec(t);
    if (ex && !t.startsWith('---')) {
      push({
        language: 'python',
        type: ex[1]!,
        message: (ex[2] ?? '').trim(),
        frames,
        chain,
        inGroup,
        lineIndex: i,
      });
      consumed.add(i);
      frames = [];
      inTraceback = false;
      chain = null;
      headerType = null;
      continue;
    }
    if (ipython && t.startsWith('---')) continue; // IPython's ruler line
    endWithoutErrorLine(); // something else: the traceback ended without an error line (truncated paste)
  }
  if (consumed.has(lines.length - 1)) lastConsumed = lines.length - 1;
  endWithoutErrorLine();
  // A paste whose only traceback was cut before its error line, while its own words name the error's class.
  const stated = errors.length === 0 && unnamed.length === 1 ? statedErrorType(lines, consumed) : null;
  if (stated) errors.push({ language: 'python', type: stated, message: '', ...unnamed[0]!, cut: true, typeFromText: true });
  return { errors, consumed };
}

/** An exception class as people name it in a sentence or a title: `RuntimeError`, `asyncio.TimeoutError`. */
const namedErrorClass = /\b(?:[a-z_][a-z0-9_]{0,40}\.){0,4}([A-Z][A-Za-z0-9]{0,60}(?:Error|Exception))\b/g;

/** A line of code rather than words: indented, or led by a statement keyword (`except asyncio.TimeoutError:`). */
const codeLine = /^(?:\s|(?:except|raise|import|from|class|def|async|await|return|with|if|elif|try|assert|for|while)\b)/;

/**
 * The one exception class the words outside the tracebacks name ("Uncaught RuntimeError in events.py line 702"),
 * or null when they name none or several: the error a traceback cut before its last line was about. Code the paste
 * shows (`except KeyError:`) says what it handles, not what went wrong.
 */
function statedErrorType(lines: readonly string[], consumed: ReadonlySet<number>): string | null {
  const named = new Set<string>();
  for (let i = 0; i < lines.length; i++) {
    if (consumed.has(i) || codeLine.test(lines[i]!) || !/(?:Error|Exception)\b/.test(lines[i]!)) continue;
    for (const m of lines[i]!.matchAll(namedErrorClass)) named.add(m[1]!);
    if (named.size > 1) return null;
  }
  return named.size === 1 ? [...named][0]! : null;
}
