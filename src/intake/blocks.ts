/**
 * Splits a Discord message into code blocks and prose: ``` fences with or
 * without a language, several fences in one message, an unclosed fence, and
 * unfenced pastes that are plainly code or a traceback.
 */
import type { Block } from './types.js';

const fenceLanguages: Record<string, Block['language']> = {
  py: 'python', python: 'python', python3: 'python', py3: 'python', ipython: 'python', pycon: 'python', jupyter: 'python',
  pytb: 'traceback', traceback: 'traceback',
  js: 'javascript', javascript: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  ts: 'javascript', typescript: 'javascript', tsx: 'javascript',
  text: 'text', txt: 'text', log: 'text', console: 'text', sh: 'text', bash: 'text', shell: 'text', ansi: 'text', plaintext: 'text',
  // A diff says nothing about the language of the code it changes: the content decides (as for `text`).
  diff: 'text', patch: 'text',
};

const openFence = /^ {0,3}(`{3,}|~{3,})[ \t]*([\w+#.-]*)(.*)/;

/**
 * An async arrow function, `async (x) => …` or `async x =>`: no other language a paste holds writes
 * it. Enough to read a span the writer marked as code (`` `_.filter(list, async x => …)` ``); not
 * to read a whole unfenced message as code, where it is often a sentence quoting the idiom. Linear by
 * recheck (a name after `async` needs its space: `\s*[\w$]+` there was polynomial).
 */
export const ASYNC_ARROW = /\basync(?:\s+[\w$]+|\s*\([^()]*\))\s*=>/;

/**
 * A `//` comment to the end of a line. The `s` flag is what keeps it linear: without it `.` stops at U+2028, so on a
 * line of ` //` runs with one U+2028 at its end every start read on to that character and failed (quadratic, about
 * 20 ms per 4,000-character line). A line here holds no newline, so the flag changes no match on ordinary text.
 */
export const TRAILING_COMMENT = /\s\/\/.*$/s;

/**
 * What follows the `)` that closes a decorator's call is nothing or a comment; a call left open goes on with its
 * arguments on the next lines (`@app.route("/",`). Never words, as in a sentence that names one
 * (`@bot.command()-s seem not to be picked up when on_message() is defined`).
 */
function decoratorEnd(line: string): boolean {
  const open = line.indexOf('(');
  if (open < 0) return true;
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const c = line[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) {
      const after = line.slice(i + 1).trim();
      return after === '' || after.startsWith('#');
    }
  }
  return true;
}

const jsDeclaration = /^(?:const|let|var)\s+(?:[{[]|[\w$]+\s*(?:[=:;,!]|$))/;
const jsFunctionHead = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?function\b(?:\s*\*\s*|\s+|)(?:[\w$]+\s*)?\(/;

/**
 * A statement either language writes the same way: an assignment (`client = TelegramClient(…)`,
 * `self.x[k] += 1`) or a call made as a statement (`loop.close()`, `print('done')`). Not a
 * language's signal, but code: a sentence does not open with `name = value` or end a `call(…)`
 * at the line's end. Linear (recheck): each part stops at a different character.
 */
export const NEUTRAL_ASSIGNMENT = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[[^\]\n]*\])*\s*(?:\*\*|\/\/|[-+*/%|&^])?=\s*[^=\s]/;
export const NEUTRAL_CALL = /^(?:await\s+)?[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\(.*\)\s*;?$/;

/** Cheap signals, counted per line: enough to tell code from prose and Python from JavaScript. */
export function guessLanguage(text: string): Block['language'] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) return null;
  let py = 0;
  let js = 0;
  let tb = 0;
  let neutral = 0;
  for (const raw of lines.slice(0, 400)) {
    const line = raw.trim();
    if (line.startsWith('Traceback (most recent call last)') || /^File "[^"]*", line \d+/.test(line) || /^at (?:async )?\S+ \(|^at (?:file|node):/.test(line)) tb++;
    const hash = line.indexOf(' #');
    const colonEnd = (hash >= 0 ? line.slice(0, hash) : line).trimEnd().endsWith(':');
    if (
      // A def has its parameters and a class its colon or bases: "async def functions are not natively supported" (pytest) and
      // "class Foo never finishes" are words.
      /^(?:async\s+def|def)\s+\w+\s*\(|^class\s+\w+\s*[(:]/.test(line) ||
      /^(?:from\s+[\w.]+\s+)?import\s+[\w.]+(?:\s+as\s+\w+)?(?:\s*,\s*[\w.]+)*\s*$/.test(line) ||
      // A decorator is its name alone or a call (`@bot.command()`, `@app.route("/",`); `@user I copied…` is a mention,
      // and `@bot.command()-s are ignored when …` (an issue title, a heading) is words after a call's close.
      (/^@[\w.]+\s*(?:\(.*)?$/.test(line) && decoratorEnd(line)) ||
      (colonEnd && /^(?:if|elif|else|for|while|with|try|except|finally|async\s+with|async\s+for)\b/.test(line)) ||
      // `await x`, `await obj.call(…)`, `await (…)`; not a sentence that starts with the word ("await floating promises").
      (/^await\s+(?:\(|[\w.]+(?:\s*[([]|\s*$))/.test(line) && !line.endsWith(';'))
    )
      py++;
    // A `// comment` after the code (`fetch(url); // returns a promise`) leaves the code's own end to read.
    // The patterns that read the whole line (not only its start) run only where the characters they need are.
    const bare = line.includes('//') ? line.replace(TRAILING_COMMENT, '') : line;
    // A declaration names what it declares and goes on with `=`, a type or its end, and a function shows its
    // parameters: "let me know if …" and "function calls are not awaited" are words.
    const jsLine = jsDeclaration.test(line) || jsFunctionHead.test(line) || (bare.includes('=>') && /=>\s*[{(]?\s*$/.test(bare)) || bare.trimEnd().endsWith(';') || /^(?:try|finally|else)\s*\{$/.test(bare) || /^\}\s*(?:catch|finally|else)\b.*\{$/.test(bare) || /^(?:import|export)\s.*\bfrom\s+['"]/.test(line) || (line.includes('require(') && /\brequire\(\s*['"]/.test(line)) || /^(?:module\.)?exports(?:\.[\w$]+)?\s*=/.test(line) || /^}\s*\)?;?\s*$/.test(line);
    if (jsLine) js++;
    else if (NEUTRAL_ASSIGNMENT.test(bare) || NEUTRAL_CALL.test(bare)) neutral++;
  }
  const n = Math.min(lines.length, 400);
  if (tb > 0 && tb * 4 >= n) return 'traceback';
  // One line in five with a language's own signal; or fewer, when the lines around them are statements
  // either language writes (`client = Client(…)`, `loop.close()`, `print(x)`): a script of assignments and
  // calls with one `def` or one `if …:` is code all the same, three lines in five at least, and one in ten the language's own.
  const code = (py + js) * 5 >= n || ((py + js) * 10 >= n && (py + js + neutral) * 5 >= n * 3);
  if (py >= 1 && py >= js && code) return 'python';
  if (js >= 1 && js > py && code) return 'javascript';
  return null;
}

function block(kind: Block['kind'], fenceLanguage: string | null, text: string, startLine: number): Block {
  const mapped = fenceLanguage ? fenceLanguages[fenceLanguage] : undefined;
  const guessed = guessLanguage(text);
  // A fence tag says what people think they pasted; the content can still be a traceback.
  let language: Block['language'] = mapped && mapped !== 'text' ? mapped : guessed ?? mapped ?? null;
  if (guessed === 'traceback' && (mapped === 'python' || mapped === 'javascript')) language = mapped;
  return { kind: kind === 'prose' && (language === 'python' || language === 'javascript') ? 'code' : kind, fenceLanguage, language, text, startLine };
}

/** A line that is one inline code span and nothing else: `` `const user = client.users.fetch(id);` ``. */
const INLINE_CODE_LINE = /^\s*`([^`]+)`\s*$/;

/**
 * Lines each holding only one inline code span, from line `start` on, when
 * what they hold reads as code (guessLanguage): people post a line or two of
 * code that way in chat. A span of words (`` `npm install` ``, `` `reply` ``)
 * does not read as code and stays prose. Null when line `start` is not one.
 */
function inlineCodeRun(lines: readonly string[], start: number): { block: Block; end: number } | null {
  const spans: string[] = [];
  let end = start;
  for (; end < lines.length; end++) {
    const m = INLINE_CODE_LINE.exec(lines[end]!);
    if (!m) break;
    spans.push(m[1]!);
  }
  if (spans.length === 0) return null;
  const text = spans.join('\n');
  const language = guessLanguage(text);
  if (language === null && ASYNC_ARROW.test(text)) return { block: { kind: 'code', fenceLanguage: null, language: 'javascript', text, startLine: start }, end };
  if (language !== 'python' && language !== 'javascript') return null;
  return { block: block('code', null, text, start), end };
}

/**
 * Several lines of code between two lines that hold a single backtick each, the way chat and issue
 * forms let people quote a snippet without a fence, no other backtick between. It is a block when what it holds reads as code;
 * otherwise (a quoted traceback, a sentence) it stays prose. Null when line `start` opens none.
 */
function backtickSpan(lines: readonly string[], start: number): { block: Block; end: number } | null {
  // Only a backtick alone on its line opens one: `` `it('…', async (done) => {`` … `` }); ` `` quotes
  // code inside a sentence, where the prose around it still says what the code is.
  const open = /^\s*`()\s*$/.exec(lines[start]!);
  if (!open) return null;
  const span = spanToClosingTick(lines, start, open[1]!);
  if (!span || lines[span.close]!.trim() !== '`') return null;
  const { body } = span;
  // The backticks on lines of their own open and close the span; they are not lines of code.
  const first = body[0]!.trim() === '' ? 1 : 0;
  const last = body.at(-1)!.trim() === '' ? body.length - 1 : body.length;
  const text = body.slice(first, last).join('\n');
  const language = guessLanguage(text);
  if (language !== 'python' && language !== 'javascript') return null;
  return { block: block('code', null, text, start + first), end: span.close + 1 };
}

/**
 * The lines of a span opened on line `start` (whose text after the opening backtick is `opening`), up to the first
 * line with a backtick, which must end that line (within 400 lines): the body, the closing line's text before its
 * backtick included, and the closing line's index. Null when no line closes it so.
 */
function spanToClosingTick(lines: readonly string[], start: number, opening: string): { body: string[]; close: number } | null {
  const body = [opening];
  for (let j = start + 1; j < lines.length && j < start + 400; j++) {
    const line = lines[j]!;
    const tick = line.indexOf('`');
    if (tick < 0) {
      body.push(line);
      continue;
    }
    if (tick !== line.trimEnd().length - 1) return null;
    body.push(line.slice(0, tick));
    return { body, close: j };
  }
  return null;
}

/**
 * A function written as an arrow, `(a, b) =>` or `x =>`: JavaScript's, in a span its writer marked as code. A name
 * is tried from its first character only, so a long run of letters is read once (recheck: linear).
 */
const ARROW = /(?:\([^()]*\)|(?<![\w$])[\w$]+)\s*=>/;

/**
 * One inline code span wrapped over several lines, as chat keeps a snippet sent between two single
 * backticks: the first line starts with the backtick and the code (`` `guild.members.fetch().then( ``), the last
 * ends with the closing one, and no other backtick lies between. It is a block when what it holds reads as code, an
 * arrow function included (the writer marked it as code); otherwise (a quoted sentence, an error) it stays prose.
 * Only a span that ends the message, as a snippet quoted under "the erroneous code:" does: a span the words go on
 * after (a documentation example quoted before "but what if I don't await it?", a fetch before "how to do it
 * right?") is part of what they ask, and the words stay the question. `lastWords` is the message's last line that is not
 * blank. Null when line `start` opens none.
 */
function wrappedSpan(lines: readonly string[], start: number, lastWords: number): { block: Block; end: number } | null {
  const first = lines[start]!;
  const open = /^\s*`(?!`)(\S.*)$/.exec(first);
  if (!open || open[1]!.includes('`')) return null;
  const span = spanToClosingTick(lines, start, open[1]!);
  if (!span || span.close !== lastWords) return null;
  const text = span.body.join('\n').trimEnd();
  const language = guessLanguage(text) ?? (ARROW.test(text) ? 'javascript' : null);
  if (language !== 'python' && language !== 'javascript') return null;
  return { block: { ...block('code', null, text, start), language }, end: span.close + 1 };
}

/** Words that start a statement: a line that starts with one is code even when it reads like words (`return`, `pass`). */
const STATEMENT_START = /^(?:import|from|return|await|const|let|var|def|class|async|if|for|while|with|try|except|else|elif|finally|raise|pass|break|continue|export|yield|print|function|switch|case|throw|delete|new)\b/;

/**
 * A line of an unfenced paste that is a sentence, not code: it starts with a letter, holds none of
 * the brackets, `=` or `;` that code lines carry, does not start with a statement's keyword, and
 * reads as words (three or more, or ends like a sentence). A line of dots marks code cut short.
 */
function sentenceLine(line: string): boolean {
  const t = line.trim();
  if (t === '' || /^(?:\.{2,}|…)$/.test(t)) return true;
  // Words that name a call or two (`fetchB() does not start until fetchA() finishes.`): six words or more from a
  // capital letter to a full stop, and none of the `;`, braces, `=` or `<>` that a line of code carries.
  if (/^[A-Z][a-z]/.test(t) && /[.!?]$/.test(t) && !/[;{}=<>]/.test(t) && !STATEMENT_START.test(t) && t.split(/\s+/).filter((w) => /^[A-Za-z,']+$/.test(w)).length >= 6) return true;
  if (!/^[A-Za-z]/.test(t) || /[;{}()[\]=<>`]/.test(t) || STATEMENT_START.test(t)) return false;
  // A heading of one capitalised word (`Example`, `Output`) is words too.
  return t.split(/\s+/).length >= 3 || /[.!?:]$/.test(t) || /^[A-Z][a-z]+$/.test(t);
}

/**
 * A line of words above the code in a page pasted as text: a heading (`Troublesome Code (Blocking I/O)`,
 * `Problem Examples`) or a sentence that names a call (`Using time.sleep(5) instead of await asyncio.sleep(5).`).
 * It starts with a capital letter and two words in a row, holds none of the `=`, `;` or braces of a line of
 * code, does not start with a statement's keyword, does not read as code by itself, and is no part of an error
 * (`Traceback (most recent call last):`, `ValueError: …`).
 */
function headingLine(line: string): boolean {
  const t = line.trim();
  if (!/^[A-Z][a-z]*\s+[A-Za-z]{2,}/.test(t) || /[=;{}]/.test(t) || STATEMENT_START.test(t)) return false;
  if (/Traceback|^\w*(?:Error|Exception|Warning)\b/.test(t)) return false;
  return guessLanguage(t) === null;
}

/**
 * An unfenced paste that reads as code as a whole is usually code with the question around it
 * (`This is the code I use:` … `Can someone help?`). The sentences before the first line of code
 * and after the last stay prose, so the parser reads the code alone; when what is left no longer
 * reads as code, the block stays whole.
 */
function splitSentencesOff(b: Block): Block[] {
  if (b.kind !== 'code') return [b];
  const rows = b.text.split('\n');
  let first = 0;
  while (first < rows.length && (sentenceLine(rows[first]!) || headingLine(rows[first]!))) first++;
  let last = rows.length - 1;
  while (last > first && sentenceLine(rows[last]!)) last--;
  if (first === 0 && last === rows.length - 1) return [b];
  const code = rows.slice(first, last + 1).join('\n');
  const inner = block('prose', null, code, b.startLine + first);
  if (inner.kind !== 'code' || inner.text.split('\n').filter((l) => l.trim() !== '').length < 2) return [b];
  const out: Block[] = [];
  if (rows.slice(0, first).some((l) => l.trim() !== '')) out.push({ kind: 'prose', fenceLanguage: null, language: null, text: rows.slice(0, first).join('\n'), startLine: b.startLine });
  out.push(inner);
  if (rows.slice(last + 1).some((l) => l.trim() !== '')) out.push({ kind: 'prose', fenceLanguage: null, language: null, text: rows.slice(last + 1).join('\n'), startLine: b.startLine + last + 1 });
  return out;
}

/**
 * A paragraph of an unfenced paste that is code: it reads as code, and none of its lines is a
 * sentence. One that starts with `# ` is not taken: in a message that is a Markdown heading
 * (`# Deadly pattern`) over the lines it shows as often as it is a comment. Nor is one with a caret
 * line or a lone `file:line`.
 */
function codeParagraph(rows: readonly string[]): boolean {
  if (/^\s*#+\s/.test(rows.find((r) => r.trim() !== '') ?? '')) return false;
  // A line of carets (or tildes) under a source line is a runtime's error excerpt (Node's `file.js:3`, the line
  // and its `^`; Python 3.11's `~~~^^^`), part of the error output the paste shows, not code of the user's own;
  // so is a lone `file.mjs:3` above it.
  if (rows.some((r) => /^\s*[\^~]+\s*$/.test(r) || /^\S+:\d{1,7}\s*$/.test(r))) return false;
  const text = rows.join('\n');
  const language = guessLanguage(text);
  return (language === 'python' || language === 'javascript') && rows.every((r) => r.trim() === '' || !sentenceLine(r));
}

/**
 * A question in words that ends (or starts) with its code, unfenced, the paragraphs apart (a linter's
 * page pasted down to its "Example", a question and then the script): the run of whole paragraphs
 * at that end that are code, with no sentence among their lines, is a code block of its own, when
 * it holds two lines or more and words are left for the prose.
 */
function splitCodeParagraphs(b: Block): Block[] {
  if (b.kind !== 'prose') return [b];
  const rows = b.text.split('\n');
  // Paragraph boundaries: [start, end) row ranges of non-blank runs.
  const paras: [number, number][] = [];
  for (let i = 0; i < rows.length; ) {
    if (rows[i]!.trim() === '') {
      i++;
      continue;
    }
    let j = i;
    while (j < rows.length && rows[j]!.trim() !== '') j++;
    paras.push([i, j]);
    i = j;
  }
  if (paras.length < 2) return [b];
  let tail = paras.length;
  while (tail > 1 && codeParagraph(rows.slice(paras[tail - 1]![0], paras[tail - 1]![1]))) tail--;
  let head = 0;
  if (tail === paras.length) while (head < paras.length - 1 && codeParagraph(rows.slice(paras[head]![0], paras[head]![1]))) head++;
  const range: [number, number] | null = tail < paras.length ? [paras[tail]![0], rows.length] : head > 0 ? [0, paras[head - 1]![1]] : null;
  if (range === null) return [b];
  const code = rows.slice(range[0], range[1]);
  const language = guessLanguage(code.join('\n'));
  if ((language !== 'python' && language !== 'javascript') || code.filter((l) => l.trim() !== '').length < 2) return [b];
  const codeBlock: Block = { kind: 'code', fenceLanguage: null, language, text: code.join('\n'), startLine: b.startLine + range[0] };
  const before = rows.slice(0, range[0]);
  const after = rows.slice(range[1]);
  return [
    ...(before.some((l) => l.trim() !== '') ? [{ ...b, text: before.join('\n') }] : []),
    codeBlock,
    ...(after.some((l) => l.trim() !== '') ? [{ ...b, text: after.join('\n'), startLine: b.startLine + range[1] }] : []),
  ];
}

/** A line Markdown reads as part of an indented code block: four spaces or a tab first. */
const INDENTED = /^(?: {4}|\t)/;

/**
 * Markdown's indented code blocks in a message of words (an issue body, a forum post): after a blank line,
 * lines indented by four spaces or a tab, blank lines between them included, are code, and the words around
 * them are not (`Inside my class:` / four-space `def send(self, msg):` / `Is there a way …?`). Each run that
 * reads as code becomes a block of its own, dedented, on the same lines; the rest stays prose. Only when the
 * lines outside the runs do not read as code themselves: an unfenced Python paste has indented lines after
 * blank ones too, under its own `def`. Null when the message holds no such run.
 */
function indentedCodeRuns(rows: readonly string[], start: number): Block[] | null {
  const runs: [number, number][] = [];
  for (let i = 0; i < rows.length; i++) {
    if (!INDENTED.test(rows[i]!) || rows[i]!.trim() === '' || (i > 0 && rows[i - 1]!.trim() !== '')) continue;
    let j = i;
    while (j < rows.length && (rows[j]!.trim() === '' || INDENTED.test(rows[j]!))) j++;
    while (j > i && rows[j - 1]!.trim() === '') j--;
    runs.push([i, j]);
    i = j - 1;
  }
  if (runs.length === 0) return null;
  // Marked once, not looked up run by run for every row: a message of many short runs made that quadratic.
  const inRun = new Array<boolean>(rows.length).fill(false);
  for (const [a, b] of runs) inRun.fill(true, a, b);
  const outside = rows.filter((_, k) => !inRun[k]);
  if (!outside.some((l) => l.trim() !== '')) return null;
  const outsideLanguage = guessLanguage(outside.join('\n'));
  if (outsideLanguage === 'python' || outsideLanguage === 'javascript') return null;
  const code = runs.map(([a, b]) => {
    const body = rows.slice(a, b).map((l) => l.replace(/\t/g, '    '));
    const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
    const text = body.map((l) => l.slice(Math.min(indent, l.length - l.trimStart().length))).join('\n');
    const language = guessLanguage(text);
    return language === 'python' || language === 'javascript' ? { a, b, block: block('code', null, text, start + a) } : null;
  }).filter((r) => r !== null);
  if (code.length === 0) return null;
  const out: Block[] = [];
  let from = 0;
  const prose = (to: number): void => {
    const part = rows.slice(from, to);
    if (part.some((l) => l.trim() !== '')) out.push(block('prose', null, part.join('\n'), start + from));
  };
  for (const r of code) {
    prose(r.a);
    out.push(r.block);
    from = r.b;
  }
  prose(rows.length);
  return out;
}

export function splitBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  // The message's last line that is not blank: where a wrapped inline span must close (`wrappedSpan`).
  let lastWords = lines.length - 1;
  while (lastWords >= 0 && lines[lastWords]!.trim() === '') lastWords--;
  let prose: string[] = [];
  let proseStart = 0;
  const flushProse = () => {
    if (prose.some((l) => l.trim() !== '')) {
      const indented = indentedCodeRuns(prose, proseStart);
      if (indented !== null) blocks.push(...indented.flatMap((b) => (b.kind === 'code' ? [b] : splitSentencesOff(b).flatMap(splitCodeParagraphs))));
      else blocks.push(...splitSentencesOff(block('prose', null, prose.join('\n'), proseStart)).flatMap(splitCodeParagraphs));
    }
    prose = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = openFence.exec(line);
    if (!open) {
      const inline = inlineCodeRun(lines, i) ?? backtickSpan(lines, i) ?? wrappedSpan(lines, i, lastWords);
      if (inline !== null) {
        flushProse();
        blocks.push(inline.block);
        i = inline.end - 1;
        proseStart = inline.end;
        continue;
      }
      if (prose.length === 0) proseStart = i;
      prose.push(line);
      continue;
    }
    flushProse();
    const marker = open[1]!;
    let tag = open[2]!.toLowerCase() || null;
    const rest = (open[3] ?? '').trim();
    const body: string[] = [];
    const bodyStart = i + 1;
    // ```py print(1)```  or  ```code on the opening line
    const sameLineClose = rest.lastIndexOf(marker);
    if (rest !== '' || (tag && !(tag in fenceLanguages) && !open[3])) {
      if (tag && !(tag in fenceLanguages)) {
        // ```print("x") : not a language tag but the start of the code
        body.push((open[2] ?? '') + (rest ? ' ' + rest : ''));
        tag = null;
      } else if (rest) body.push(rest);
      if (sameLineClose >= 0 && rest.endsWith(marker)) {
        body[body.length - 1] = body[body.length - 1]!.slice(0, -marker.length);
        blocks.push(block('code', tag, body.join('\n'), i));
        continue;
      }
    }
    let j = i + 1;
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      if (l.trim() === marker || (l.trim().startsWith(marker) && /^[`~]+$/.test(l.trim()))) break;
      if (l.trimEnd().endsWith(marker) && l.trim() !== '') {
        body.push(l.trimEnd().slice(0, -marker.length));
        break;
      }
      body.push(l);
    }
    blocks.push(block('code', tag, body.join('\n'), rest ? i : bodyStart));
    i = j;
    proseStart = j + 1;
  }
  flushProse();
  return blocks;
}
