/**
 * Makes a pasted Python block parseable without moving any line: fence
 * markers, traceback lines, warning lines and notebook magics become blank
 * lines, REPL and IPython prompts are stripped, a unified diff loses its marker column,
 * and a fragment pasted from inside a function is dedented. Each line remembers how many leading characters were
 * removed, so positions map back to the user's own text.
 */

export interface PreparedCode {
  /** The text handed to the parser (same number of lines as the input). */
  code: string;
  /** Per 0-based line: characters removed from the start of the original line. */
  removed: number[];
  /** Offset in `code` where the indented fragment prefix (a body without its `def`) ends; 0 when none. */
  prefixEnd: number;
  /** Magics (`%time`, `!pip`) or `In [3]:` prompts were seen. */
  notebookMarks: boolean;
  /**
   * IPython's terminal continuation prompt (`   ...: `) was seen: the session is a terminal IPython, whose
   * event loop runs only while a cell awaits (autoawait), not a Jupyter kernel's loop that runs all along.
   */
  terminalPrompts: boolean;
}

/** A fence line, or a lone backtick opening or closing code pasted as an inline span over several lines. */
const FENCE = /^\s*(?:```[\w+-]*|`)\s*$/;
const TRACEBACK_HEAD = /^\s*Traceback \(most recent call last\):\s*$/;
const FRAME_LINE = /^\s*File "[^"]*", line \d+/;
const CHAIN_LINE = /^\s*(During handling of the above exception|The above exception was the direct cause)/;
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(Error|Exception|Warning|Interrupt|Exit|Group|Iteration)\b(:.*)?$/;
const WARNING_LINE = /^\S+:\d+: [A-Z]\w*Warning: /;
const CARETS = /^\s*[~^]+\s*$/;
const MAGIC = /^\s*(%{1,2}[A-Za-z]|![A-Za-z])/;
const NOTEBOOK_PROMPT = /^(In|Out)\s*\[\d*\]:\s?/;
const REPL_PROMPT = /^(>>>|\.\.\.)( |$)/;
/** IPython's continuation prompt, indented to line up under `In [12]: ` (`   ...: `), so the code keeps its own indentation once it goes. */
const IPYTHON_CONTINUATION = /^ *\.{3,}:( |$)/;
const DEF_LINE = /^(async\s+def|def|class)\s|^@/;
/** `api_id = *****`: a value the poster starred out. It becomes `...` (same length), so the rest of the module still parses. */
const STARRED_VALUE = /^(\s*[A-Za-z_]\w*\s*=\s*)(\*{3,})(\s*(?:#.*)?)$/;

const DIFF_MARKED = /^[+-](?!\+\+ |-- )/;
const DIFF_LINE = /^(?:[+ -]|@@|\\ No newline|diff --git |index [0-9a-f]|$)/;
const HUNK = /^@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@ ?/;
const HUNK_FUNCTION = /^\s*(async\s+)?def\s/;

/**
 * A unified diff (a ```diff block from a pull request): every line is a diff line and at least one
 * is marked. Both sides are kept, without their marker column, so a call the change removes is
 * seen as well as one it adds; headers go blank, except a hunk header naming the function the hunk
 * is in (`@@ … @@ async def handle(`), which stays as that function's first line.
 */
function undiff(lines: string[], removed: number[]): void {
  const code = lines.filter((l) => !FENCE.test(l));
  if (!code.some((l) => DIFF_MARKED.test(l)) || !code.every((l) => DIFF_LINE.test(l.replace(/\r$/, '')))) return;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line) || line === '' || line === '\r') continue;
    const hunk = HUNK.exec(line);
    if (hunk) {
      const rest = line.slice(hunk[0].length);
      const lead = rest.length - rest.trimStart().length;
      if (HUNK_FUNCTION.test(rest)) {
        lines[i] = rest.slice(lead);
        removed[i] = hunk[0].length + lead;
      } else lines[i] = '';
      continue;
    }
    if (/^(\+\+\+ |--- |diff --git |index |\\ )/.test(line)) {
      lines[i] = '';
      continue;
    }
    lines[i] = line.slice(1);
    removed[i] = 1;
  }
}

function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line);
  return m ? m[0].length : 0;
}

export function prepareSnippet(input: string): PreparedCode {
  const lines = input.split('\n');
  const removed = new Array<number>(lines.length).fill(0);
  undiff(lines, removed);
  let notebookMarks = false;
  let terminalPrompts = false;
  let inTraceback = false;
  let skipSourceAfterFrame = false;

  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const blank = () => {
      lines[i] = '';
    };
    if (FENCE.test(line)) {
      blank();
      continue;
    }
    if (TRACEBACK_HEAD.test(line)) {
      inTraceback = true;
      blank();
      continue;
    }
    if (FRAME_LINE.test(line)) {
      skipSourceAfterFrame = true;
      blank();
      continue;
    }
    if (skipSourceAfterFrame) {
      skipSourceAfterFrame = false;
      if (/^\s/.test(line)) {
        blank();
        continue;
      }
    }
    if (inTraceback) {
      if (/^\s/.test(line) || line.trim() === '' || CHAIN_LINE.test(line) || CARETS.test(line)) {
        blank();
        continue;
      }
      inTraceback = false;
      if (EXCEPTION_LINE.test(line)) {
        blank();
        continue;
      }
    }
    if (/^[A-Za-z_][\w.]*(Error|Exception|Warning): /.test(line)) {
      // An error line pasted on its own among the code.
      blank();
      continue;
    }
    if (WARNING_LINE.test(line)) {
      blank();
      // Python prints the offending source line, indented, under the warning.
      if (i + 1 < lines.length && /^\s+\S/.test(lines[i + 1] ?? '')) {
        lines[i + 1] = '';
        i++;
      }
      continue;
    }
    if (CARETS.test(line) && line.trim().length > 0) {
      blank();
      continue;
    }
    if (MAGIC.test(line)) {
      notebookMarks = true;
      blank();
      continue;
    }
    const prompt = NOTEBOOK_PROMPT.exec(line) ?? IPYTHON_CONTINUATION.exec(line) ?? REPL_PROMPT.exec(line);
    if (prompt) {
      if (/^(?:In|Out)\b/.test(prompt[0])) notebookMarks = true;
      else if (prompt[0].includes(':')) terminalPrompts = true;
      removed[i] = (removed[i] ?? 0) + prompt[0].length;
      line = line.slice(prompt[0].length);
    }
    const starred = STARRED_VALUE.exec(line);
    if (starred) line = starred[1]! + '...'.padEnd(starred[2]!.length, ' ') + starred[3]!;
    lines[i] = line;
  }

  // A fragment that starts indented: dedent the part before the first
  // top-level `def`/`class` on its own, and the rest on its own.
  let prefixEnd = 0;
  const firstCode = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (firstCode >= 0 && indentOf(lines[firstCode] ?? '') > 0) {
    let minIndent = Infinity;
    for (const l of lines) if (l.trim() !== '') minIndent = Math.min(minIndent, indentOf(l));
    let cut = lines.length;
    for (let i = firstCode; i < lines.length; i++) {
      const l = lines[i] ?? '';
      if (l.trim() !== '' && indentOf(l) === minIndent && DEF_LINE.test(l.slice(minIndent))) {
        cut = i;
        break;
      }
    }
    const dedent = (from: number, to: number) => {
      let m = Infinity;
      for (let i = from; i < to; i++) {
        const l = lines[i] ?? '';
        if (l.trim() !== '') m = Math.min(m, indentOf(l));
      }
      if (!Number.isFinite(m) || m === 0) return;
      for (let i = from; i < to; i++) {
        const l = lines[i] ?? '';
        if (l.trim() === '') continue;
        lines[i] = l.slice(m);
        removed[i] = (removed[i] ?? 0) + m;
      }
    };
    dedent(0, cut);
    dedent(cut, lines.length);
    if (cut > firstCode) {
      let off = 0;
      for (let i = 0; i < cut; i++) off += (lines[i] ?? '').length + 1;
      prefixEnd = off;
    }
  }
  reopenCutClause(lines);
  closeCutTail(lines);
  return { code: lines.join('\n'), removed, prefixEnd, notebookMarks, terminalPrompts };
}

/** A clause keyword as the first thing a line holds: `elif x:`, `else:`, `except E as e:`, `finally:`. */
const CLAUSE = /^(elif\b|else\s*:|except\b|finally\s*:)/;

/**
 * A piece cut from the middle of an `if` or `try` starts with a clause that has nothing to belong to
 * (`elif media_type.startswith("video/"):`), which the parser cannot read as a statement at all. The
 * first clause becomes an opening one of the same length (`if   …:`, `if 1:`), and the clauses that
 * follow it at its indentation become ones that may follow an `if`, so every line parses and keeps
 * its place.
 */
function reopenCutClause(lines: string[]): void {
  const first = lines.findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
  if (first < 0) return;
  const head = lines[first]!;
  const indent = indentOf(head);
  if (!CLAUSE.test(head.slice(indent))) return;
  const pad = (line: string, to: string) => line.slice(0, indent) + to.padEnd(line.length - indent, ' ');
  const body = head.slice(indent);
  lines[first] = body.startsWith('elif') ? head.slice(0, indent) + 'if  ' + body.slice(4) : pad(head, 'if 1:');
  for (let i = first + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '' || indentOf(line) > indent) continue;
    if (indentOf(line) < indent) break;
    const rest = line.slice(indent);
    if (/^except\b/.test(rest) && rest.length >= 7) lines[i] = pad(line, 'elif 1:');
    else if (/^finally\s*:/.test(rest)) lines[i] = pad(line, 'else:');
    else if (!CLAUSE.test(rest)) break;
  }
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Where a block ends inside an open bracket, and where that bracket opened: null when it ends balanced, inside
 * a string, or with more closers than openers. One pass, no backtracking: strings (single or triple quoted)
 * and comments are skipped, so a bracket inside them does not count.
 */
function openBracketsAtEnd(code: string): { closers: string; openedAt: number } | null {
  const stack: { close: string; at: number }[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '#') {
      const nl = code.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = code.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      let closed = false;
      while (j < code.length) {
        const d = code[j]!;
        if (d === '\\') {
          j += 2;
          continue;
        }
        if (!triple && d === '\n') break;
        if (code.startsWith(quote, j)) {
          closed = true;
          j += quote.length;
          break;
        }
        j++;
      }
      // A triple-quoted string still open at the end: the cut is inside it, which closing brackets cannot mend.
      if (triple && !closed) return null;
      i = j;
      continue;
    }
    const close = OPENERS[c];
    if (close) stack.push({ close, at: i });
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop()?.close !== c) return null;
    }
    i++;
  }
  if (stack.length === 0) return null;
  return { closers: stack.map((b) => b.close).reverse().join(''), openedAt: stack[0]!.at };
}

/** Last characters of a cut line after which a value is still owed (`f(a=`, `{"k":`, `(x +`). */
const OWES_VALUE = /[=+\-*/%|&<>:^~@]$/;

/**
 * A paste cut off inside its last statement (`yield [`, `await channel.send(embed=discord.Embed(`) leaves a
 * bracket open to the end of the block, and the parser then cannot read the function around it at all. When
 * every line after the one that opened the bracket is indented deeper than it (they are that statement's own
 * continuation lines), the owed closers go at the end of the last line, so the rest of the block reads as it
 * was meant; no line moves. A bracket left open earlier, with statements following it, is a typo, not a cut,
 * and is left alone.
 */
function closeCutTail(lines: string[]): void {
  const code = lines.join('\n');
  const open = openBracketsAtEnd(code);
  if (!open) return;
  const openLine = code.slice(0, open.openedAt).split('\n').length - 1;
  const openIndent = indentOf(lines[openLine]!);
  let last = openLine;
  for (let i = openLine + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (indentOf(line) <= openIndent) return;
    last = i;
  }
  const line = lines[last]!;
  // A trailing comment would swallow the closers.
  if (line.includes('#')) return;
  const body = line.trimEnd();
  if (body.endsWith('.')) return;
  lines[last] = body + (OWES_VALUE.test(body) ? ' ...' : '') + open.closers;
}
