/**
 * evidence: a normalised Paste → Evidence. Runs every text parser over the
 * whole paste, then the snippet analysers over each code block (with
 * traceback lines blanked out, so they are not read as code).
 */
import type { Paste } from '../intake/types.js';
import { detectContext } from './context.js';
import { parseDiscordApiErrors } from './discord-api-error.js';
import { parseErrorLines } from './error-lines.js';
import { findFatalFailures } from './fatal-failures.js';
import { findNetworkFailures } from './network-failures.js';
import { isStackFrameLine, parseNodeOutput } from './javascript/stack.js';
import { parseTypeScriptDiagnostics } from './javascript/typescript-diagnostics.js';
import { findTypelessEngineErrors } from './javascript/typeless-errors.js';
import { findTypelessPythonErrors } from './python/typeless-errors.js';
import { parsePythonTracebacks } from './python/traceback.js';
import { parsePythonWarnings } from './python/warnings.js';
import { richContextLines } from './python/rich-listing.js';
import { valueAnnotationLines } from './python/value-annotations.js';
import { importsShownInPart } from './python/imports-in-part.js';
import { unwrapDiscordPyErrors } from './python/wrapped-errors.js';
import { analysisLimitsEnforced, cutAtLine, MAX_ANALYSED_BLOCKS, MAX_ANALYSED_CHARS } from './limits.js';
import { SnippetTooComplex, type SnippetAnalyzer, type SnippetHints } from './snippet.js';
import type { Evidence, Language, RaisedError } from './types.js';

export type { Evidence } from './types.js';

const neverAwaited = /coroutine '([\w.<>]+)' was never awaited/;

/** CPython's wordings for an `await`, `async with` or `async for` where no async function encloses it. */
const awaitRefused = /outside (?:async )?function|outside of an asynchronous function/;
/** pylint/ruff E1142, ruff F704, ty: the same refusal from a linter. */
const linterAwaitRefused = /[`']await[`'] (?:should be used within an async function|statement outside of a function|outside of an asynchronous function)/;

/**
 * A Mongoose version as people state it: a package.json line, `mongoose@6.2.1`, `Mongoose - ^5.2.4`,
 * `{mongoose: 5.2.3}`, `mongoose version 6`, `mongoose v5.13`. Linear: each part is bounded and the parts
 * are told apart by their characters.
 */
const mongooseVersion = /\bmongoose["']?[ \t]{0,3}(?:version[ \t]{0,2}|[:=@-][ \t]{0,3})?["']?[\^~>=v]{0,3}(\d{1,2})(?![\d\w])/gi;

/** An Express version as people state it: `Express 4`, `Express v5`, `express@4.18.2`, `"express": "^4.17.1"`, `express version 4`. Linear as the Mongoose one. */
const expressVersion = /\bexpress(?:\.js)?["']?[ \t]{0,3}(?:version[ \t]{0,2}|[:=@-][ \t]{0,3})?["']?[\^~>=v]{0,3}(\d{1,2})(?![\d\w])/gi;

/** The one Express major the paste states, or null when it states none or several. */
function statedExpressMajor(text: string): number | null {
  if (!/express/i.test(text)) return null;
  const majors = new Set([...text.matchAll(expressVersion)].map((m) => Number(m[1])));
  return majors.size === 1 ? [...majors][0]! : null;
}

/** The one Mongoose major the paste states, or null when it states none or several. */
function statedMongooseMajor(text: string): number | null {
  if (!/mongoose/i.test(text)) return null;
  const majors = new Set([...text.matchAll(mongooseVersion)].map((m) => Number(m[1])));
  return majors.size === 1 ? [...majors][0]! : null;
}

/**
 * A discord.py version as people state it: `discord.py==1.7.3`, `discord.py 1.5.1`, `discord.py version 1.7`,
 * `discord.py v0.16.12`. Linear: each part is bounded and the parts are told apart by their characters.
 */
const discordPyVersion = /\bdiscord\.py["']?[ \t]{0,3}(?:version[ \t]{0,2}|[:=@-]{1,2}[ \t]{0,3})?["']?[\^~>=v]{0,3}(\d)\.\d/gi;

/** The one discord.py major the paste states, or null when it states none or several. */
function statedDiscordPyMajor(text: string): number | null {
  if (!/discord\.py/i.test(text)) return null;
  const majors = new Set([...text.matchAll(discordPyVersion)].map((m) => Number(m[1])));
  return majors.size === 1 ? [...majors][0]! : null;
}

/**
 * JavaScript's refusals of an `await` outside an async function, as engines and bundlers word them
 * (knowledge/js/await-outside-async.md holds each one's source): Node and V8, Babel 6-7.3 and 7.4+,
 * Babel 7.12.5+, Bun and esbuild, swc.
 */
const jsAwaitRefused = /["\u201c]?\bawait["\u201d]? is only valid in async function|\bawait is a reserved word\b|Unexpected reserved word ['\u2018]await['\u2019]|['`]await['`] is only allowed within async functions|Can ?not use keyword 'await' outside an async function|["\u201c]?await["\u201d]? can only be used inside an|\bawait isn['\u2019]t allowed in non-async function/;

/**
 * Words that place code inside an async function: "in an async routine", "inside my async handler",
 * "the async `on_message` handler". Each part is bounded and told apart by its characters (linear).
 */
const asyncPlace = /\b(?:in|inside|within)\s+(?:an?\s+|my\s+|the\s+|our\s+|this\s+)?async(?:hronous)?\s+(?:`[\w.]{1,40}`\s+|[\w.]{1,40}\s+)?(?:routine|function|handler|method|def|callback|endpoint|route|view|coroutine)s?\b|\basync\s+`[\w.]{1,40}`\s+(?:handler|function|method|callback|coroutine|route|endpoint)\b/gi;
/** Words before such a phrase that turn it around: an engine's refusal ("only valid in async function"), or "not in an async …". */
const asyncPlaceDenied = /\b(?:only|outside|not|non|isn't|aren't|without)\b[^.!?\n]{0,20}$/i;

/**
 * The paste's words say its code runs inside an async function. Read over the whole text: an unfenced
 * paste's sentences sit in the same block as its code, and a comment in the code saying so counts too.
 */
function statesAsyncBody(paste: Paste, refused: boolean): boolean {
  if (refused || !/async/i.test(paste.text)) return false;
  for (const m of paste.text.matchAll(asyncPlace)) if (!asyncPlaceDenied.test(paste.text.slice(Math.max(0, m.index - 30), m.index))) return true;
  return false;
}

/** Words that place code on a thread other than the loop's: "from a different thread", "in a background thread". Linear: bounded alternations told apart by their words. */
const otherThreadPlace = /\b(?:from|in|on|inside|within)\s+(?:(?:a|an|the|my|its)\s+)?(?:different|another|other|separate|second|worker|background|non-main|secondary|child)\s+threads?\b/gi;
/** Words just before such a phrase that turn it around: "not from another thread", "never in a separate thread". */
const otherThreadDenied = /\b(?:not|never|no|without|isn't|aren't|don't|doesn't)\b[^.!?\n]{0,20}$/i;

function statesOtherThread(text: string): boolean {
  if (!/thread/i.test(text)) return false;
  for (const m of text.matchAll(otherThreadPlace)) if (!otherThreadDenied.test(text.slice(Math.max(0, m.index - 30), m.index))) return true;
  return false;
}

/**
 * Async libraries by the words that name them, keyed by their `LIBRARY_COROUTINE_METHODS` names. Telethon only
 * when its sync wrapper (`telethon.sync`, whose methods run the loop themselves) is not named; Motor by its
 * module or class names, or "motor" said of MongoDB (an electric motor is not it). Each pattern is linear.
 */
const libraryNamed: { name: string; said: RegExp; unless?: RegExp }[] = [
  { name: 'Telethon', said: /\btelethon\b/i, unless: /\btelethon\.sync\b/i },
  { name: 'aiogram', said: /\baiogram\b/i },
  { name: 'Motor', said: /\bAsyncIOMotor\w{0,20}|\bmotor_asyncio\b|\bmotor\b(?=[^.\n]{0,40}\bmongo)/i },
  { name: 'pyppeteer', said: /\bpyppeteer\b/i },
];

function librariesNamedIn(text: string): string[] {
  return libraryNamed.filter((l) => l.said.test(text) && !l.unless?.test(text)).map((l) => l.name);
}

/** Tortoise ORM by name: the package (`tortoise-orm`, `tortoise.models`), or the words "Tortoise ORM". */
const tortoiseNamed = /\btortoise(?:[-_ ]orm\b|\.(?:models|queryset|fields|contrib)\b)/i;

/**
 * The paste reports a NotImplementedError (a traceback's last line, IPython's header, a task's repr, a sentence)
 * and none of the loop methods that raise one for another reason: add_reader/add_writer (the Proactor loop) and
 * the Unix-only signal handlers. What is left is a loop that cannot start a subprocess.
 */
const notImplemented = /\bNotImplementedError\b/;
const otherUnimplementedLoopMethod = /\b(?:add_reader|add_writer|remove_reader|remove_writer|add_signal_handler|remove_signal_handler)\b/;

/**
 * A whole traceback (its error line shown) whose NotImplementedError was raised outside asyncio: an abstract
 * method of the program's own (`raise NotImplementedError` in a base class), not a loop refusing a subprocess.
 */
function raisedOutsideAsyncio(errors: readonly RaisedError[]): boolean {
  return errors.some((e) => {
    if (!e.type.endsWith('NotImplementedError') || e.cut || e.frames.length === 0) return false;
    const last = e.frames[e.frames.length - 1]!;
    return !/[\\/]asyncio[\\/]/.test(last.file);
  });
}

function hintsFrom(evidence: Omit<Evidence, 'findings' | 'languages' | 'codeBlocks' | 'skipped'>, paste: Paste): SnippetHints {
  const names = new Set<string>();
  for (const w of evidence.warnings) {
    const m = neverAwaited.exec(w.message);
    if (m) names.add(m[1]!.split('.').pop()!);
  }
  const lines = new Set<number>();
  for (const e of evidence.errors) for (const f of e.frames) if (!f.library && f.line) lines.add(f.line);
  for (const w of evidence.warnings) if (w.line && w.file !== 'sys') lines.add(w.line);
  // Every wording of both refusals holds the word: a paste without it is read by neither pattern (each tries every place).
  const mentionsAwait = paste.text.includes('await');
  const topLevelAwaitRefused =
    evidence.errors.some((e) => e.type.endsWith('SyntaxError') && (awaitRefused.test(e.message) || (e.message === 'invalid syntax' && e.frames.some((f) => /^(?:await|async (?:with|for)) /.test(f.pointed ?? f.source ?? ''))))) ||
    (mentionsAwait && linterAwaitRefused.test(paste.text));
  const jsRefused = mentionsAwait && jsAwaitRefused.test(paste.text);
  return {
    coroutineNames: [...names],
    lines: [...lines],
    notebook: evidence.context.jupyter,
    pythonVersion: evidence.context.pythonVersion,
    importsShownInPart: importsShownInPart(paste),
    topLevelAwaitRefused,
    jsAwaitRefused: jsRefused,
    mongooseMajor: statedMongooseMajor(paste.text),
    discordPyMajor: statedDiscordPyMajor(paste.text),
    statedAsyncBody: statesAsyncBody(paste, topLevelAwaitRefused || jsRefused),
    expressMajor: statedExpressMajor(paste.text),
    subprocessRefused: paste.text.includes('NotImplementedError') && notImplemented.test(paste.text) && !otherUnimplementedLoopMethod.test(paste.text) && !raisedOutsideAsyncio(evidence.errors),
    tortoiseNamed: tortoiseNamed.test(paste.text),
    statedOtherThread: statesOtherThread(paste.text),
    librariesNamed: librariesNamedIn(paste.text),
  };
}

/**
 * For each block that shares its language with other analysed blocks, the callees those other
 * blocks show to be async, and the plain functions they show to start a promise and return nothing
 * (empty map for the usual one-block paste, so nothing is parsed twice).
 */
function siblingFacts(blocks: readonly { blockIndex: number; code: string; analyzer: SnippetAnalyzer }[]): Map<number, { async: string[]; returnsNothing: string[] }> {
  const out = new Map<number, { async: string[]; returnsNothing: string[] }>();
  for (const { analyzer } of blocks) {
    const same = blocks.filter((b) => b.analyzer === analyzer);
    if (same.length < 2 || same.some((b) => out.has(b.blockIndex))) continue;
    const declared = same.map((b) => {
      try {
        // Asked one after the other for the same block, so the analyser parses it once.
        return { async: analyzer.asyncCallees(b.code), returnsNothing: analyzer.returnsNothing?.(b.code) ?? [] };
      } catch {
        return { async: [], returnsNothing: [] }; // a block too complex to read gives its siblings nothing
      }
    });
    same.forEach((b, i) => {
      const others = declared.filter((_, j) => j !== i);
      out.set(b.blockIndex, { async: [...new Set(others.flatMap((d) => d.async))], returnsNothing: [...new Set(others.flatMap((d) => d.returnsNothing))] });
    });
  }
  return out;
}

/** Pastes mixing languages: a bare `TypeError:` line takes the language the rest of the paste shows. */
function settleLanguages(errors: RaisedError[], languages: Set<Language>): void {
  if (languages.size !== 1) return;
  const only = [...languages][0]!;
  for (const e of errors) if (e.language === null) e.language = only;
}

/**
 * A line of a compiler's code frame (Babel, swc, ESLint's codeframe): `>  8 |       let a = await f();`, the `>` marking
 * the line it points at. The space after the `>` belongs to the optional group: two `\s*` side by side would try every
 * split of a long run of indentation (quadratic per line, seconds on a deeply indented 512 KB attachment).
 */
export const FRAME_CODE_LINE = /^\s*(?:(>)\s*)?\d{1,7} \|(?: |$)/;
/** The frame's caret line (`     |               ^`) or an empty gutter line. */
const FRAME_GUTTER_ONLY = /^\s*\|(?:\s*\^+)?\s*$/;

/**
 * A block may hold the code frame a compiler printed under its error (Babel's `{ SyntaxError: …:
 * await is a reserved word (8:14)` then `   6 |   init() {` … `>  8 |       let a = await f();`):
 * the lines around the one that failed, the only code the paste shows. When the block holds one
 * such frame (one run of numbered lines, one of them marked `>`), the frame's code is what the
 * analyser reads: its gutter goes, and the error and stack lines around it are blanked, line numbers kept.
 */
function withoutFrameGutter(code: string): string {
  const rows = code.split('\n');
  const inFrame = rows.map((l) => FRAME_CODE_LINE.test(l) || FRAME_GUTTER_ONLY.test(l));
  const first = inFrame.indexOf(true);
  const last = inFrame.lastIndexOf(true);
  if (first < 0) return code;
  const run = rows.slice(first, last + 1);
  const numbered = run.filter((l) => FRAME_CODE_LINE.test(l));
  if (numbered.length < 2 || run.some((l) => !FRAME_CODE_LINE.test(l) && !FRAME_GUTTER_ONLY.test(l)) || !numbered.some((l) => FRAME_CODE_LINE.exec(l)![1] === '>')) return code;
  return rows.map((l, i) => (i < first || i > last || FRAME_GUTTER_ONLY.test(l) ? '' : l.slice(l.indexOf('|') + 2))).join('\n');
}

/** Lines a traceback shows for context, not output: a rich listing's source above the line that ran, loguru's variable values. */
function shownForContext(lines: readonly string[]): number[] {
  return [...richContextLines(lines), ...valueAnnotationLines(lines)].sort((a, b) => a - b);
}

export function gatherEvidence(paste: Paste, analyzers: readonly SnippetAnalyzer[]): Evidence {
  const { lines } = paste;
  const py = parsePythonTracebacks(lines);
  const consumed = new Set(py.consumed);
  for (const e of py.errors) consumed.add(e.lineIndex);
  const pyWarnings = parsePythonWarnings(lines, consumed);
  const node = parseNodeOutput(lines, consumed);
  for (const e of node.errors) consumed.add(e.lineIndex);
  // A line read as a Python warning, and by nothing else, may still hold the error before it.
  const warningOnly = new Set(pyWarnings.filter((w) => !consumed.has(w.lineIndex)).map((w) => w.lineIndex));
  for (const w of [...pyWarnings, ...node.warnings]) consumed.add(w.lineIndex);
  for (const w of node.warnings) warningOnly.delete(w.lineIndex);
  const bare = parseErrorLines(lines, consumed, warningOnly);
  const typedLines = new Set(bare.map((e) => e.lineIndex));
  const typeless = [...findTypelessEngineErrors(lines, consumed, typedLines), ...findTypelessPythonErrors(lines, consumed, typedLines)];
  const errors = unwrapDiscordPyErrors([...py.errors, ...node.errors, ...bare, ...typeless].sort((a, b) => a.lineIndex - b.lineIndex));

  const languages = new Set<Language>();
  if (py.errors.length || pyWarnings.length) languages.add('python');
  if (node.errors.length || node.warnings.length) languages.add('javascript');
  for (const b of paste.blocks) if (b.language === 'python' || b.language === 'javascript') languages.add(b.language);
  const tsDiagnostics = parseTypeScriptDiagnostics(lines);
  const discordApiErrors = parseDiscordApiErrors(lines);
  if (tsDiagnostics.length || discordApiErrors.length) languages.add('javascript');
  settleLanguages(errors, languages);

  const partial = {
    errors,
    fatal: findFatalFailures(lines),
    network: findNetworkFailures(lines, paste.text),
    warnings: [...pyWarnings, ...node.warnings].sort((a, b) => a.lineIndex - b.lineIndex),
    ...((paste.text.includes('│') || paste.text.includes('└')) && { sourceListing: shownForContext(lines) }),
    tsDiagnostics,
    discordApiErrors,
    context: detectContext(paste.text),
  };
  const hints = hintsFrom(partial, paste);
  const findings = [];
  const codeBlocks: Evidence['codeBlocks'] = [];
  const skipped: Evidence['skipped'] = [];
  let budget = MAX_ANALYSED_CHARS;
  const analysed: { blockIndex: number; code: string; analyzer: SnippetAnalyzer }[] = [];
  for (const [blockIndex, block] of paste.blocks.entries()) {
    if (block.kind !== 'code') continue;
    const analyzer = analyzers.find((a) => a.language === block.language);
    if (!analyzer) continue;
    // Blank out traceback and error lines (a stack's frames too) inside the block but keep line numbers.
    const whole = withoutFrameGutter(
      block.text
        .split('\n')
        .map((l, i) => (consumed.has(block.startLine + i) || isStackFrameLine(l) ? '' : l))
        .join('\n'),
    );
    if (whole.trim() === '') continue;
    if ((budget <= 0 || codeBlocks.length >= MAX_ANALYSED_BLOCKS) && analysisLimitsEnforced()) {
      skipped.push({ blockIndex, reason: 'size' });
      continue;
    }
    const { head: code, rest } = cutAtLine(whole, budget);
    if (rest !== '') skipped.push({ blockIndex, reason: 'size' });
    if (code.trim() === '') continue;
    budget -= code.length;
    codeBlocks.push({ blockIndex, language: analyzer.language, code, rest });
    analysed.push({ blockIndex, code, analyzer });
  }
  const siblings = siblingFacts(analysed);
  for (const { blockIndex, code, analyzer } of analysed) {
    try {
      const own = siblings.get(blockIndex);
      const blockHints = own ? { ...hints, siblingAsync: own.async, ...(own.returnsNothing.length ? { siblingReturnsNothing: own.returnsNothing } : {}) } : hints;
      findings.push(...analyzer.analyze(code, blockIndex, blockHints));
    } catch (error) {
      // Code shaped to make a parser blow up is turned away before parsing; a parser can
      // also give up on its own. Either way that block yields no findings, and the
      // tracebacks and error lines around it still count.
      if (error instanceof SnippetTooComplex) skipped.push({ blockIndex, reason: error.reason });
    }
  }
  // Spelled out, one literal per shape (with a source listing or without), in the same key order: a copy of
  // `partial` by spread, whose shape varies from paste to paste, took V8's slow path, about half of this
  // function's own time.
  const { fatal, network, warnings, context } = partial;
  const languageList = [...languages];
  if (partial.sourceListing === undefined) {
    return { errors, fatal, network, warnings, tsDiagnostics, discordApiErrors, context, findings, languages: languageList, codeBlocks, skipped, hints };
  }
  const { sourceListing } = partial;
  return { errors, fatal, network, warnings, sourceListing, tsDiagnostics, discordApiErrors, context, findings, languages: languageList, codeBlocks, skipped, hints };
}
