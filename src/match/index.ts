/**
 * match: scores every rule against the evidence. A rule's confidence is its
 * best matcher's; each further kind of evidence adds a little. Rules under
 * the threshold are not presented (precision first: no guess), and a rule
 * that `specializes` another removes its parent when both match.
 *
 * Every rule is read once into a ready form (needles lower-cased and folded,
 * regexes compiled, one object shape per kind of matcher), and everything a
 * paste offers is read once per paste (`Shared`), so scoring a paste costs a
 * few lookups per matcher rather than a re-reading of the rule and the paste.
 */
import type { Evidence, Frame, Language, RaisedError, SnippetFinding, WarningLine } from '../evidence/types.js';
import type { Paste } from '../intake/types.js';
import type { Rule } from '../knowledge/schema.js';
import type { Match, UserLocation } from '../diagnosis.js';
import { NeedleSet, requiredLiteral } from './needles.js';

export const presentThreshold = 0.5;
export const maxPresented = 3;

/** A rule the evidence matches: a `Match` before its fix and context advice are added (src/engine.ts). */
export type RuleMatch = Pick<Match, 'rule' | 'confidence' | 'likely' | 'reasons' | 'where' | 'findings'>;

interface Hit {
  confidence: number;
  reason: string;
  where: UserLocation | null;
  finding?: SnippetFinding;
}

/** A rule's `message` and `pattern`, ready to test: the needle lower-cased, the pattern compiled (case-insensitive). */
interface TextTest {
  needle: string | null;
  pattern: RegExp | null;
  /** The needle as `fitsRetyped` compares it (a message alone, without a pattern): without its quotes, when it has any; without its spaces, when long enough. */
  unquoted: string | null;
  despaced: string | null;
}

function textTestOf(owner: { message?: string | undefined; pattern?: string | undefined }): TextTest {
  const needle = owner.message ? owner.message.toLowerCase() : null;
  const pattern = owner.pattern ? new RegExp(owner.pattern, 'i') : null;
  const retypable = needle !== null && pattern === null;
  return {
    needle,
    pattern,
    unquoted: retypable && /['"`]/.test(needle) ? withoutQuotes(needle) : null,
    despaced: retypable && needle.length >= minDespacedNeedle ? needle.replace(/\s+/g, '') : null,
  };
}

function textFits(test: TextTest, text: string, lower: string): boolean {
  if (test.needle !== null && !lower.includes(test.needle)) return false;
  if (test.pattern !== null && !test.pattern.test(text)) return false;
  return true;
}

function typeFits(expected: string, actual: string): boolean {
  return actual === expected || actual.endsWith('.' + expected) || expected.endsWith('.' + actual);
}

/**
 * The user's own frame nearest the error. A Python traceback lists frames outermost first, so that
 * is the last one outside the libraries; a JavaScript stack lists the innermost first, so the first.
 */
function userFrame(frames: Frame[], language: Language | null): Frame | null {
  if (language === 'javascript') return frames.find((f) => !f.library) ?? null;
  for (let i = frames.length - 1; i >= 0; i--) if (!frames[i]!.library) return frames[i]!;
  return null;
}

function languageFits(rule: Language, actual: Language | null): boolean {
  return actual === null || actual === rule;
}

/** The final, top-level error is what the paste is about; chained and grouped ones count a little less. */
function prominence(error: RaisedError, last: RaisedError | undefined): number {
  return error === last || (!error.chain && !error.inGroup && error.lineIndex === last?.lineIndex) ? 1 : 0.95;
}

/** A log line's timestamp (`2023-12-20 09:09:56`, `[12:00:01]`) at its start. */
const leadingTimestamp = /^\[?\d{4}-\d\d-\d\d[ T]\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?\]?|^\[\d\d:\d\d:\d\d\]/;
/** Box-drawing borders (rich, loguru) and pipes around a wrapped message. */
function isBorder(c: string): boolean {
  return c === '|' || c === ' ' || c === '\t' || (c >= '\u2500' && c <= '\u257f');
}

/** The line without border characters at either end; by hand, as `[…]+$` rescans long runs from every start (quadratic). */
function withoutBorders(line: string): string {
  let start = 0;
  let end = line.length;
  while (start < end && isBorder(line[start]!)) start++;
  while (end > start && isBorder(line[end - 1]!)) end--;
  return line.slice(start, end);
}

/** One line without the decoration a logger or a pretty-printer puts around a message that wraps. */
function undecorated(line: string): string {
  return withoutBorders(line.replace(leadingTimestamp, ''));
}

/**
 * Text as people quote it, folded so that one needle fits every spelling: lower case, every quote
 * mark as `'` (JSON-escaped `\"`, curly quotes, backticks), the full-width colon as `:`, and all
 * whitespace (line breaks of a message wrapped across lines included) as one space.
 */
export function foldQuoted(text: string): string {
  return text
    .split('\n')
    .map(undecorated)
    .join(' ')
    .toLowerCase()
    .replace(/\\"|["`\u2018\u2019\u201c\u201d]/g, "'")
    .replace(/\uff1a/g, ': ')
    .replace(/\s+/g, ' ');
}

/**
 * Text with its quote marks and apostrophes taken out: a message retyped from a screenshot loses them
 * ("object NoneType cant be used in await expression", "coroutine object is not subscriptable").
 */
function withoutQuotes(text: string): string {
  return text.replace(/['"`\u2018\u2019\u201c\u201d]/g, '');
}

/**
 * Below this length a message read with its spaces taken out could be words that happen to join
 * ("was never awaited" is 17); "await is only valid in async function" is 37.
 */
const minDespacedNeedle = 24;

/**
 * A rule's literal message found in `lower` only once both lose their quotes, or once both lose their
 * spaces (a stack copied by hand or from a phone photo splits words: "await is only valid in async
 * f unction"): retyped, so a little less sure.
 */
function fitsRetyped(test: TextTest, message: RetypedForms): boolean {
  if (test.unquoted !== null && message.unquoted().includes(test.unquoted)) return true;
  return test.despaced !== null && message.despaced().includes(test.despaced);
}

/**
 * A message wrapped without its space by a terminal, a log viewer or a copy: the rule's literal words run from the end
 * of the error's line onto the next one, between two words (`TypeError: object NoneType can't be used in 'await'` /
 * `expression`) or inside one (`(reading 'th` / `en')`). Only a literal that crosses the break counts: a next line
 * that merely follows the message is never read as part of it. Read as retyped, a little less sure.
 */
function wrappedFits(test: TextTest, error: RaisedError, shared: Shared): boolean {
  const needle = test.needle;
  if (needle === null || test.pattern !== null) return false;
  const lines = shared.lowerLines();
  const line = lines[error.lineIndex]?.trimEnd();
  const next = lines[error.lineIndex + 1]?.trim();
  const message = error.message.toLowerCase().trimEnd();
  // The message must end where its line ends: a message that ends inside its line was not wrapped.
  if (!line || !next || message.length === 0 || !line.endsWith(message)) return false;
  for (const joined of [`${message} ${next}`, `${message}${next}`]) {
    const at = joined.indexOf(needle);
    if (at >= 0 && at < message.length && at + needle.length > message.length) return true;
  }
  return false;
}

/** A lower-cased error message as `fitsRetyped` reads it, each form made once per paste however many matchers ask. */
class RetypedForms {
  private withoutQuotes: string | null = null;
  private withoutSpaces: string | null = null;

  constructor(private readonly lower: string) {}

  unquoted(): string {
    return (this.withoutQuotes ??= withoutQuotes(this.lower));
  }

  despaced(): string {
    return (this.withoutSpaces ??= this.lower.replace(/\s+/g, ''));
  }
}

/** Exception types of the languages themselves: their messages say what happened without the type. */
const builtinErrorTypes = new Set([
  'Error', 'TypeError', 'ValueError', 'RuntimeError', 'AttributeError', 'NameError', 'SyntaxError', 'ReferenceError',
  'RangeError', 'TimeoutError', 'CancelledError', 'InvalidStateError', 'StopIteration', 'AssertionError',
]);

/**
 * Confidence kept by an error whose type only the paste's words give (its traceback cut before the error line):
 * below what answers unasked.
 */
const statedTypeFactor = 0.85;

/** Confidence kept by an error message quoted without its exception type (in prose, a log line, a title). */
const bareMessageFactor = 0.92;

/** A pattern-only matcher's fixed start, to find the message by, and the pattern to check it with from there. */
interface PatternLead {
  needle: string;
  sticky: RegExp;
}

/**
 * The literal text a pattern starts with (after `^`, escapes undone), when it is long enough to find
 * a quoted message by: `^There is no current event loop in thread '(?!MainThread')` starts with
 * "There is no current event loop in thread '".
 */
function patternLead(pattern: string): PatternLead | null {
  const body = pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  let literal = '';
  let i = 0;
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined || /[\w\s]/.test(next)) break; // \d, \s, \b: a class, not a character
      literal += next;
      i++;
    } else if ('.()[]{}*+?^$|'.includes(c)) break;
    else literal += c;
  }
  // A quantifier after the literal makes its last character optional.
  if ('?*{'.includes(body[i] ?? '')) literal = literal.slice(0, -1);
  const needle = foldQuoted(literal);
  // Shorter starts ("invalid syntax") are found in too many sentences that are no error.
  return needle.trim().length >= 16 ? { needle, sticky: new RegExp(body, 'iy') } : null;
}

/** Where in `text` the pattern matches, starting at one of its lead's first occurrences; -1 when none. */
function findPattern(lead: PatternLead, text: string): number {
  let at = text.indexOf(lead.needle);
  for (let n = 0; at >= 0 && n < 8; n++) {
    lead.sticky.lastIndex = at;
    if (lead.sticky.test(text)) return at;
    at = text.indexOf(lead.needle, at + 1);
  }
  return -1;
}

/**
 * How an error matcher's message is found when quoted without its type: by its folded `message`
 * (checked with its `pattern` too), or, with a pattern alone, by the pattern's literal start.
 */
interface BareTest {
  needle: string | null;
  pattern: RegExp | null;
  lead: PatternLead | null;
}

/**
 * People quote an error without its type only when the type adds nothing: a library's own exception
 * type (ExtensionFailed) or a frame is part of what the matcher needs. Null when the matcher cannot
 * be found that way.
 */
function bareTestOf(m: ErrorSpec): BareTest | null {
  if (m.frame || m.raisedAt || (m.type && !builtinErrorTypes.has(m.type))) return null;
  if (m.message) return { needle: foldQuoted(m.message), pattern: m.pattern ? new RegExp(m.pattern, 'i') : null, lead: null };
  const lead = m.pattern ? patternLead(m.pattern) : null;
  return lead ? { needle: null, pattern: null, lead } : null;
}

/** The fixed start of a diagnostic's text: up to its first `{0}` placeholder, at most 80 characters; null when too short to tell. */
function diagnosticPrefixOf(message: string | undefined): string | null {
  const text = message ? foldQuoted(message.split('{')[0]!).trim().slice(0, 80) : '';
  // Too short a start ("Property '") would fit many diagnostics.
  return text.length >= 24 ? text : null;
}

type ErrorSpec = Extract<Rule['match'][number], { error: unknown }>['error'];

/** A rule's matchers, each read once into one fixed shape per kind. */
type Ready =
  | { kind: 'error'; spec: ErrorSpec; type: string | null; text: TextTest; frame: string | null; raisedAt: string | null; cut: boolean; unless: RegExp | null; confidence: number; bare: BareTest | null }
  | { kind: 'warning'; category: string | null; text: TextTest; confidence: number }
  | {
      kind: 'line';
      text: TextTest;
      confidence: number;
      secondary: boolean;
      anywhere: RegExp | null;
      /** A pattern-only matcher's literal (lower-cased) that every line it matches holds: found with the other wordings in one pass. */
      lead: string | null;
    }
  | { kind: 'ts'; code: number; confidence: number; prefix: string | null }
  | { kind: 'discord'; code: number; confidence: number }
  | { kind: 'finding'; detector: string; confidence: number };

interface ReadyRule {
  rule: Rule;
  matchers: Ready[];
  /** The rule's own error matchers, for telling whether it explains an error. */
  errors: Extract<Ready, { kind: 'error' }>[];
  /**
   * Every error the rule names is an exception group (a TaskGroup's "unhandled errors in a TaskGroup"): the group
   * only carries the errors its tasks raised, and its own rule says to fix those.
   */
  groupWrapper: boolean;
}

/**
 * A line pattern tried on the whole paste first, with `^` and `$` at every line: a paste where it
 * matches nowhere has no line it matches. Only for patterns without lookaround, which could see
 * past a line's end in the whole paste; those are tried line by line only.
 */
function anywhereOf(pattern: string | undefined): RegExp | null {
  if (!pattern || /\(\?<?[=!]/.test(pattern)) return null;
  return new RegExp(pattern, 'im');
}

function readyMatcher(matcher: Rule['match'][number]): Ready {
  if ('error' in matcher) {
    const m = matcher.error;
    return {
      kind: 'error',
      spec: m,
      type: m.type || null,
      text: textTestOf(m),
      frame: m.frame ? m.frame.toLowerCase() : null,
      raisedAt: m.raisedAt ? m.raisedAt.toLowerCase() : null,
      cut: !!m.cut,
      unless: m.unless ? new RegExp(m.unless, 'i') : null,
      confidence: m.confidence ?? 0.9,
      bare: bareTestOf(m),
    };
  }
  if ('warning' in matcher) {
    const m = matcher.warning;
    return { kind: 'warning', category: m.category || null, text: textTestOf(m), confidence: m.confidence ?? 0.9 };
  }
  if ('line' in matcher) {
    const m = matcher.line;
    const patternOnly = !m.message && !!m.pattern;
    return {
      kind: 'line',
      text: textTestOf(m),
      confidence: m.confidence ?? 0.85,
      secondary: !!m.secondary,
      anywhere: patternOnly ? anywhereOf(m.pattern) : null,
      lead: patternOnly ? requiredLiteral(m.pattern!) : null,
    };
  }
  if ('ts' in matcher) return { kind: 'ts', code: matcher.ts, confidence: matcher.confidence ?? 0.9, prefix: diagnosticPrefixOf(matcher.message) };
  if ('discord' in matcher) return { kind: 'discord', code: matcher.discord, confidence: matcher.confidence ?? 0.95 };
  return { kind: 'finding', detector: matcher.finding, confidence: matcher.confidence ?? 1 };
}

/** Each rule read once (rules are immutable once loaded). */
const readied = new WeakMap<Rule, ReadyRule>();
function readyRule(rule: Rule): ReadyRule {
  let ready = readied.get(rule);
  if (!ready) {
    const matchers = rule.match.map(readyMatcher);
    const errors = matchers.filter((m): m is Extract<Ready, { kind: 'error' }> => m.kind === 'error');
    ready = { rule, matchers, errors, groupWrapper: errors.length > 0 && errors.every((m) => m.type !== null && /ExceptionGroup$/.test(m.type)) };
    readied.set(rule, ready);
  }
  return ready;
}

/** Every wording of a list of rules, to find in a paste in one pass: lower-cased for lines, folded for quoted messages. */
interface Wordings {
  lowered: NeedleSet;
  folded: NeedleSet;
}

const wordingsOf = new WeakMap<readonly Rule[], Wordings>();
function wordingsFor(rules: readonly Rule[]): Wordings {
  let w = wordingsOf.get(rules);
  if (!w) {
    const lowered: string[] = [];
    const folded: string[] = [];
    for (const rule of rules) {
      for (const m of readyRule(rule).matchers) {
        if (m.kind === 'line' && m.text.needle !== null) lowered.push(m.text.needle);
        if (m.kind === 'line' && m.lead !== null) lowered.push(m.lead);
        if (m.kind === 'error' && m.bare) folded.push(m.bare.needle ?? m.bare.lead!.needle);
        if (m.kind === 'ts' && m.prefix !== null) folded.push(m.prefix);
      }
    }
    // A rule list changed after this (a needle not in the set) is still answered right, by a direct search.
    w = { lowered: new NeedleSet(lowered), folded: new NeedleSet(folded) };
    wordingsOf.set(rules, w);
  }
  return w;
}

/** What every matcher of one diagnosis reads: computed at most once per paste. */
class Shared {
  private folded: string | null = null;
  private lower: string | null = null;
  private lines: string[] | null = null;
  private errorLower: string[] | null = null;
  private errorRetyped: RetypedForms[] | null = null;
  private errorFolded = new Map<RaisedError, string>();
  private warningLower: string[] | null = null;
  private last = new Map<Language, RaisedError | undefined>();
  private byDetector: Map<string, SnippetFinding[]> | null = null;
  private blockLines = new Map<number, string[]>();
  readonly dying: boolean;
  /** Lines a rich traceback lists as source for context (evidence.sourceListing), when any: code, not output. */
  readonly listing: ReadonlySet<number> | null;

  private loweredHas: ((needle: string) => boolean) | null = null;
  private foldedHas: ((needle: string) => boolean) | null = null;

  constructor(
    readonly evidence: Evidence,
    readonly paste: Paste,
    private readonly wordings: Wordings,
  ) {
    // A program that died of a fatal failure prints asyncio noise on its way out: none of it is the answer.
    this.dying = !!evidence.fatal?.length;
    this.listing = evidence.sourceListing?.length ? new Set(evidence.sourceListing) : null;
  }

  /** The paste without the source lines a rich traceback lists for context: no message counts as seen there. */
  private outputText(): string {
    const { listing } = this;
    return listing ? this.paste.lines.map((l, i) => (listing.has(i) ? '' : l)).join('\n') : this.paste.text;
  }

  /** The whole paste through `foldQuoted`. */
  foldedText(): string {
    return (this.folded ??= foldQuoted(this.outputText()));
  }

  /** The paste shows an error, or a Python traceback (its error line may be cut off). */
  showsError(): boolean {
    return this.evidence.errors.length > 0 || this.paste.text.includes('Traceback (most recent call last)');
  }

  lowerText(): string {
    return (this.lower ??= this.outputText().toLowerCase());
  }

  /** `lowerText().includes(needle)`, for every line needle in one pass. */
  lowerTextHas(needle: string): boolean {
    return (this.loweredHas ??= this.wordings.lowered.in(this.lowerText()))(needle);
  }

  /** `foldedText().includes(needle)`, for every quoted-message needle in one pass. */
  foldedTextHas(needle: string): boolean {
    return (this.foldedHas ??= this.wordings.folded.in(this.foldedText()))(needle);
  }

  lowerLines(): string[] {
    return (this.lines ??= this.paste.lines.map((l) => l.toLowerCase()));
  }

  /** Each error's message lower-cased, in `evidence.errors` order. */
  errorMessagesLower(): string[] {
    return (this.errorLower ??= this.evidence.errors.map((e) => e.message.toLowerCase()));
  }

  /** Each error's lower-cased message as a retyped message is compared with it, in `evidence.errors` order. */
  errorMessagesRetyped(): RetypedForms[] {
    return (this.errorRetyped ??= this.errorMessagesLower().map((m) => new RetypedForms(m)));
  }

  foldedMessage(error: RaisedError): string {
    let f = this.errorFolded.get(error);
    if (f === undefined) {
      f = foldQuoted(error.message);
      this.errorFolded.set(error, f);
    }
    return f;
  }

  /** Each warning's message lower-cased, in `evidence.warnings` order. */
  warningMessagesLower(): string[] {
    return (this.warningLower ??= this.evidence.warnings.map((w) => w.message.toLowerCase()));
  }

  lastError(language: Language): RaisedError | undefined {
    if (!this.last.has(language)) this.last.set(language, this.evidence.errors.findLast((e) => !e.inGroup && languageFits(language, e.language)));
    return this.last.get(language);
  }

  /** The findings of one detector, in evidence order. */
  findingsOf(detector: string): readonly SnippetFinding[] {
    if (!this.byDetector) {
      this.byDetector = new Map();
      for (const f of this.evidence.findings) {
        const list = this.byDetector.get(f.detector);
        if (list) list.push(f);
        else this.byDetector.set(f.detector, [f]);
      }
    }
    return this.byDetector.get(detector) ?? [];
  }

  /** A code block's text split into lines. */
  linesOfBlock(blockIndex: number): string[] | null {
    const block = this.paste.blocks[blockIndex];
    if (!block) return null;
    let lines = this.blockLines.get(blockIndex);
    if (!lines) {
      lines = block.text.split('\n');
      this.blockLines.set(blockIndex, lines);
    }
    return lines;
  }
}

/**
 * People quote an error without its type: in a sentence, in quotes, wrapped over two lines, after
 * a log prefix or in a repr (`RuntimeError('…')`). The rule's message then counts as seen, a little
 * less surely, unless the paste shows another error as its cause (the message is then a side effect).
 */
function bareMessageHit(bare: BareTest, confidence: number, rule: Rule, shared: Shared, lastError: RaisedError | undefined): Hit | null {
  const { languages, errors } = shared.evidence;
  if (languages.length > 0 && !languages.includes(rule.language)) return null;
  // The message quoted by an error of the other language is that error's (discord.py's `discord.errors.HTTPException:
  // 400 Bad Request (error code: 40060): Interaction has already been acknowledged.` is no discord.js answer).
  if (errors.length > 0 && errors.every((e) => e.language !== null && e.language !== rule.language)) return null;
  const text = shared.foldedText();
  let needle: string;
  let at: number;
  if (bare.needle !== null) {
    needle = bare.needle;
    if (!shared.foldedTextHas(needle)) return null;
    at = text.indexOf(needle);
    if (at < 0) return null;
    if (bare.pattern !== null && !bare.pattern.test(text)) return null;
  } else {
    const lead = bare.lead!;
    needle = lead.needle;
    if (!shared.foldedTextHas(needle)) return null;
    at = findPattern(lead, text);
    if (at < 0) return null;
  }
  if (lastError && /^[A-Z]/.test(lastError.type.split('.').pop()!) && !sameMessage(shared.foldedMessage(lastError), needle)) return null;
  return { confidence: confidence * bareMessageFactor, reason: text.slice(Math.max(0, at - 40), at + needle.length + 40).trim(), where: null };
}

/**
 * Below this many characters, a last error's message cut at its line's end is too short to tell which message
 * it begins ("" for a traceback cut before its error line).
 */
const minWrappedStart = 16;

/**
 * True when the paste's last error is the message `needle` stands for: it holds it, or it is its start, the rest
 * carried to the next line by a copy that lost the wrapping space (`RuntimeError: There is no current event loop
 * in thread` / `'ScriptRunner.scriptThread'.`), which the folded text joins back.
 */
function sameMessage(lastMessage: string, needle: string): boolean {
  const shown = lastMessage.trimEnd();
  return shown.includes(needle) || (shown.length >= minWrappedStart && needle.startsWith(shown));
}

/** A TypeScript diagnostic quoted without `error TSnnnn:` (in prose, a Deno or bundler log, an editor tooltip). */
function quotedDiagnosticHit(prefix: string, confidence: number, shared: Shared): Hit | null {
  if (!shared.foldedTextHas(prefix)) return null;
  const text = shared.foldedText();
  const at = text.indexOf(prefix);
  return { confidence: confidence * bareMessageFactor, reason: text.slice(at, at + 160).trim(), where: null };
}

/** True when none of the rule's own error matchers explains `error`. */
function unexplained(rule: ReadyRule, error: RaisedError | undefined): boolean {
  // An exception class starts with a capital (`task: <Task pending …>` under a warning is not an error).
  if (!error || !/^[A-Z]/.test(error.type.split('.').pop()!)) return false;
  const lower = error.message.toLowerCase();
  return !rule.errors.some((m) => (m.type === null || typeFits(m.type, error.type)) && textFits(m.text, error.message, lower));
}

/**
 * True when the paste shows another failure: an error of the rule's language that none of the rule's
 * own error matchers explains, or a network failure (the cleanup lines printed after it are its side effects).
 */
function otherErrorShown(rule: ReadyRule, shared: Shared): boolean {
  return !!shared.evidence.network?.length || unexplained(rule, shared.lastError(rule.rule.language));
}

/**
 * An error Python reported as ignored (from a destructor, at exit) is a side effect when the paste
 * shows the failure the program died of: a fatal one (a rejected token), a network failure, or
 * another error the rule does not explain.
 */
function sideEffectOfOtherFailure(rule: ReadyRule, shared: Shared): boolean {
  const { evidence } = shared;
  if (evidence.fatal?.length || evidence.network?.length) return true;
  return unexplained(rule, evidence.errors.findLast((e) => !e.ignored && !e.inGroup && languageFits(rule.rule.language, e.language)));
}

/**
 * A warning Python printed at interpreter exit (`sys:1: RuntimeWarning: coroutine 'f' was never
 * awaited`), or from an installed package's own code (discord.py's `client.py:319: … coroutine
 * 'Client.start' was never awaited` as the bot dies), after the program died of another failure is
 * a side effect of that crash: the coroutine never ran because the program stopped first.
 */
function exitWarningAfterCrash(w: WarningLine, rule: ReadyRule, shared: Shared): boolean {
  if (collectedByPytest.test(w.category)) return false;
  return ((w.file === 'sys' || w.inPackage === true) && sideEffectOfOtherFailure(rule, shared)) || droppedByRefusal(w, rule, shared);
}

/**
 * pytest's own warnings (a fixture no plugin ran, a deprecated use: PytestRemovedIn9Warning,
 * PytestDeprecationWarning, PytestUnhandledCoroutineWarning) are raised while the tests are set up and
 * run, and printed in the summary after the failures: they tell why a test failed, they are no noise of
 * its exit. Not PytestUnraisableExceptionWarning, which reports what a destructor raised, often at exit.
 */
const collectedByPytest = /^Pytest(?!Unraisable)\w*Warning$/;

/**
 * asyncio's refusals to start a coroutine at all: run_until_complete checks the loop before it wraps
 * the coroutine in a task (Lib/asyncio/base_events.py, _check_closed and _check_running), asyncio.run
 * and Runner.run check for a running loop first (runners.py).
 */
const refusedToRun = /^(?:This event loop is already running|Cannot run the event loop while another loop is running|Event loop is closed|(?:asyncio\.run|Runner\.run)\(\) cannot be called from a running event loop)/;

/**
 * The coroutine handed to a call that refused to run it is dropped unawaited: Python's "coroutine …
 * was never awaited" after one of those refusals (not one reported as ignored, from a destructor) is
 * its consequence, whatever file it names, and the refusal's rule is the answer.
 */
function droppedByRefusal(w: WarningLine, rule: ReadyRule, shared: Shared): boolean {
  if (!w.message.includes('was never awaited')) return false;
  return shared.evidence.errors.some((e) => e.language !== 'javascript' && !e.ignored && refusedToRun.test(e.message) && unexplained(rule, e));
}

/**
 * A traceback cut after its only frame, the user's own call, says what was called but not where in
 * it the error was raised: a likely answer, not one to give unasked.
 */
function cutDepth(error: RaisedError): number {
  return error.frames.length === 1 && !error.frames[0]!.library ? 0.9 : 1;
}

/**
 * True when a frame's text holds `part` ending where a name ends: a rule's `frame: wait_for` names
 * asyncio's wait_for (and wrappers such as discord.py's `sane_wait_for`), not the `_wait_for_data` of a
 * stream read that Ctrl+C cancelled. A part that ends in punctuation (`asyncio.run(`) needs no boundary.
 */
function hasFramePart(text: string, part: string): boolean {
  const wordEnd = /\w$/.test(part);
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
    const after = text[at + part.length];
    if (!wordEnd || after === undefined || !/\w/.test(after)) return true;
  }
  return false;
}

function errorHits(m: Extract<Ready, { kind: 'error' }>, rule: ReadyRule, shared: Shared): Hit[] {
  const { evidence, paste } = shared;
  const language = rule.rule.language;
  const hits: Hit[] = [];
  if (m.unless !== null && m.unless.test(paste.text)) return hits;
  const lastError = shared.lastError(language);
  const { errors } = evidence;
  let sideEffect = false;
  if (errors.length > 0) {
    const lower = shared.errorMessagesLower();
    for (let i = 0; i < errors.length; i++) {
      const e = errors[i]!;
      if (!languageFits(language, e.language)) continue;
      if (m.type !== null && !typeFits(m.type, e.type)) continue;
      // While a fatal failure shows, an error line with no frames of its own (an issue title, a sentence quoting
      // "RuntimeError: Event loop is closed") is the dying program's noise quoted back, like a quoted message.
      if (shared.dying && e.frames.length === 0) continue;
      const retyped = !textFits(m.text, e.message, lower[i]!);
      if (retyped && !fitsRetyped(m.text, shared.errorMessagesRetyped()[i]!) && !wrappedFits(m.text, e, shared)) continue;
      if (e.ignored && sideEffectOfOtherFailure(rule, shared)) {
        sideEffect = true;
        continue;
      }
      if (m.cut) {
        const last = e.frames[e.frames.length - 1];
        if (!e.cut || !last || !hasFramePart(`${last.function ?? ''} ${last.source ?? ''}`.toLowerCase(), m.frame!)) continue;
      } else if (m.frame !== null) {
        const needle = m.frame;
        // A SyntaxError is about the words its caret points at, not the whole line.
        const syntax = e.type.endsWith('SyntaxError');
        const inFrames = e.frames.some((f) => hasFramePart(`${f.function ?? ''} ${f.file} ${(syntax ? f.pointed : undefined) ?? f.source ?? ''}`.toLowerCase(), needle));
        if (!inFrames) continue;
      }
      if (m.raisedAt !== null && !(e.frames[e.frames.length - 1]?.source ?? '').toLowerCase().includes(m.raisedAt)) continue;
      const frame = userFrame(e.frames, e.language);
      hits.push({
        confidence: m.confidence * prominence(e, lastError) * (m.cut ? cutDepth(e) : 1) * (retyped ? bareMessageFactor : 1) * (e.typeFromText ? statedTypeFactor : 1),
        reason: `${e.type}: ${e.message}`.slice(0, 200),
        where: frame ? { file: frame.file, line: frame.line, source: frame.source ?? null } : null,
      });
    }
  }
  // The message was there, as a side effect: quoting it without its type makes it no less one.
  if (hits.length === 0 && m.bare !== null && !shared.dying && !sideEffect) {
    const bare = bareMessageHit(m.bare, m.confidence, rule.rule, shared, lastError);
    if (bare) hits.push(bare);
  }
  return hits;
}

function warningHits(m: Extract<Ready, { kind: 'warning' }>, rule: ReadyRule, shared: Shared): Hit[] {
  const { warnings } = shared.evidence;
  const hits: Hit[] = [];
  if (warnings.length === 0) return hits;
  const lower = shared.warningMessagesLower();
  for (let i = 0; i < warnings.length; i++) {
    const w = warnings[i]!;
    if (w.language !== rule.rule.language) continue;
    if (m.category !== null && w.category !== m.category) continue;
    if (!textFits(m.text, w.message, lower[i]!)) continue;
    if (exitWarningAfterCrash(w, rule, shared)) continue;
    const located = w.file && w.file !== 'sys' && !w.file.startsWith('<');
    hits.push({
      confidence: m.confidence,
      reason: `${w.category}: ${w.message}`.slice(0, 200),
      where: located ? { file: w.file ?? null, line: w.line ?? null, source: w.source ?? null } : null,
    });
  }
  return hits;
}

function lineHits(m: Extract<Ready, { kind: 'line' }>, rule: ReadyRule, shared: Shared): Hit[] {
  const hits: Hit[] = [];
  if (shared.dying) return hits;
  const { paste, evidence } = shared;
  // One fast pass over the whole paste rejects most rules before any line is looked at.
  const needle = m.text.needle;
  if (needle !== null && !shared.lowerTextHas(needle)) return hits;
  // A pattern on its own runs only where its literal part is: a line it matches holds that, and it is no listing line.
  if (m.lead !== null && !shared.lowerTextHas(m.lead)) return hits;
  if (m.anywhere !== null && !m.anywhere.test(paste.text)) return hits;
  if (m.secondary && otherErrorShown(rule, shared)) return hits;
  const lower = shared.lowerLines();
  let sideEffects: Set<number> | null = null;
  for (let i = 0; i < lower.length; i++) {
    if (!textFits(m.text, paste.lines[i]!, lower[i]!) || shared.listing?.has(i)) continue;
    sideEffects ??= new Set(evidence.warnings.filter((w) => exitWarningAfterCrash(w, rule, shared)).map((w) => w.lineIndex));
    if (sideEffects.has(i)) continue;
    hits.push({ confidence: m.confidence, reason: paste.lines[i]!.trim().slice(0, 200), where: null });
    break;
  }
  // A long log line wrapped by a terminal or a logger: the line with the needle and the next one, as one.
  if (hits.length === 0 && needle !== null && m.text.pattern !== null) {
    for (let i = 0; i + 1 < lower.length; i++) {
      if (!lower[i]!.includes(needle) || shared.listing?.has(i)) continue;
      const joined = `${paste.lines[i]!.trimEnd()} ${paste.lines[i + 1]!.trim()}`;
      if (textFits(m.text, joined, joined.toLowerCase())) {
        hits.push({ confidence: m.confidence, reason: joined.trim().slice(0, 200), where: null });
        break;
      }
    }
  }
  return hits;
}

function hitsFor(m: Ready, rule: ReadyRule, shared: Shared): Hit[] {
  switch (m.kind) {
    case 'error':
      return errorHits(m, rule, shared);
    case 'warning':
      return warningHits(m, rule, shared);
    case 'line':
      return lineHits(m, rule, shared);
    case 'ts': {
      const hits: Hit[] = [];
      for (const d of shared.evidence.tsDiagnostics) {
        if (d.code === m.code) {
          hits.push({ confidence: m.confidence, reason: `TS${d.code}: ${d.message}`.slice(0, 200), where: d.file ? { file: d.file, line: d.line, source: null } : null });
        }
      }
      if (hits.length === 0 && rule.rule.language === 'javascript' && m.prefix !== null) {
        const quoted = quotedDiagnosticHit(m.prefix, m.confidence, shared);
        if (quoted) hits.push(quoted);
      }
      return hits;
    }
    case 'discord': {
      const hits: Hit[] = [];
      for (const d of shared.evidence.discordApiErrors) {
        if (d.code === m.code) hits.push({ confidence: m.confidence, reason: `DiscordAPIError[${d.code}]: ${d.message}`, where: null });
      }
      return hits;
    }
    case 'finding': {
      const hits: Hit[] = [];
      for (const f of shared.findingsOf(m.detector)) {
        const source = shared.linesOfBlock(f.blockIndex)?.[f.line - 1]?.trim() ?? null;
        hits.push({ confidence: f.confidence * m.confidence, reason: typeof f.message === 'string' ? f.message : `${f.detector} (${f.message.key})`, where: { file: null, line: f.line, source }, finding: f });
      }
      return hits;
    }
  }
}

/**
 * Signs that a JavaScript error reached the user through a promise: Node's rejection path
 * (`triggerUncaughtException(err, true /* fromPromise *\/)`, the UnhandledPromiseRejection warnings and
 * crash), a browser's "Uncaught (in promise)", an async frame or the microtask queue in the stack, or
 * a test runner or message naming the promise. Without one, the error was thrown where it was raised.
 */
const throughPromise = /frompromise|\(in promise\)|unhandled ?promise ?rejection|unhandledrejection|processticksandrejections|\bat async |\bpromise\b/;

/** JavaScript's own errors for a wrong program (a bad argument, a name or a value that is not there): thrown where they are raised. */
const programmingErrors = new Set(['TypeError', 'ReferenceError', 'RangeError', 'SyntaxError']);

/**
 * A promise mistake in the code lets an error out only as a rejection (an ENOENT escaping an async
 * executor, a rejected roles.add crashing the bot). The paste's JavaScript error is a programming error
 * (`TypeError: Function.prototype.apply was called on …` from a collector given an id for its filter)
 * with no sign of a promise on its way: thrown where it was raised, it is no consequence of one.
 * A library's or the network's error (DiscordAPIError, ECONNREFUSED) is most often a rejection.
 */
function thrownWhereRaised(shared: Shared): boolean {
  const error = shared.lastError('javascript');
  return !!error && programmingErrors.has(error.type) && !throughPromise.test(shared.foldedText());
}

/** Confidence kept by a code-only finding when the paste's own error is one the rule does not explain. */
const unexplainedErrorFactor = 0.9;
/** The most a likely answer reaches: below 0.8, where help-channel watching answers unasked (src/app/answer-reply.ts). */
export const likelyCeiling = 0.79;

export function matchRules(rules: readonly Rule[], evidence: Evidence, paste: Paste): RuleMatch[] {
  const shared = new Shared(evidence, paste, wordingsFor(rules));
  const scored: RuleMatch[] = [];
  const asides = new Set<Rule>();
  // Rules that name an exception group, and rules matched by the paste's text (an error, a warning, a line).
  const wrappers = new Set<Rule>();
  const fromText = new Set<Rule>();
  for (const r of rules) {
    if (r.status === 'deprecated') continue;
    const rule = readyRule(r);
    let best: Hit | null = null;
    let kinds = 0;
    const findings: SnippetFinding[] = [];
    const reasons: string[] = [];
    let where: UserLocation | null = null;
    let fromFindingsOnly = true;
    for (const matcher of rule.matchers) {
      const hits = hitsFor(matcher, rule, shared);
      if (hits.length === 0) continue;
      kinds++;
      if (matcher.kind !== 'finding') fromFindingsOnly = false;
      for (const hit of hits) {
        if (!best || hit.confidence > best.confidence) best = hit;
        if (hit.finding && !findings.includes(hit.finding)) findings.push(hit.finding);
        // Only the first five are shown; a log repeating one warning thousands of times must not cost n².
        if (reasons.length < 5 && !reasons.includes(hit.reason)) reasons.push(hit.reason);
        // Prefer a traceback's user frame (file and line) over a snippet line.
        if (hit.where && (!where || (!where.file && hit.where.file))) where = hit.where;
      }
    }
    if (!best) continue;
    let confidence = Math.min(0.99, best.confidence + 0.03 * (kinds - 1));
    // Error text outranks a guess from code: a rule named only by code findings while the paste
    // shows an error the rule does not explain stays a likely answer, never one given unasked.
    const besideTheError = fromFindingsOnly && otherErrorShown(rule, shared);
    if (besideTheError) confidence = Math.min(confidence * unexplainedErrorFactor, likelyCeiling);
    scored.push({ rule: r, confidence: Math.round(confidence * 100) / 100, reasons: reasons.slice(0, 5), where, findings });
    if (rule.groupWrapper) wrappers.add(r);
    else if (!fromFindingsOnly) fromText.add(r);
    // A JavaScript promise mistake lets any error through as a rejection (an ENOENT escaping an async
    // executor, a rejected roles.add crashing the bot), so the error may be its consequence, unless it was
    // thrown where it was raised (thrownWhereRaised). A Python finding is no such channel: an
    // AttributeError raised elsewhere is not what time.sleep in a handler explains.
    if (besideTheError && (r.language === 'python' || thrownWhereRaised(shared))) asides.add(r);
    // A tip (awaits that could run together) is about code that works: a paste that shows an error,
    // or a Python traceback cut before its error line, asks about something else.
    else if (fromFindingsOnly && r.severity === 'tip' && shared.showsError()) asides.add(r);
  }
  const strong = scored.filter((m) => m.confidence >= presentThreshold);
  const specialized = new Set(strong.map((m) => m.rule.specializes).filter(Boolean));
  const severityRank = { error: 0, warning: 1, tip: 2 } as const;
  // An exception group beside an error another rule explains (a sub-exception, or the same failure logged before
  // the group) comes after that rule: the group is how the error arrived, the other rule is what to fix.
  const explained = (language: Rule['language']) => strong.some((m) => fromText.has(m.rule) && m.rule.language === language);
  const wrapped = (m: RuleMatch) => Number(wrappers.has(m.rule) && explained(m.rule.language));
  const ranked = strong
    .filter((m) => !specialized.has(m.rule.id))
    .sort((a, b) => {
      // A tip never outranks a mistake; otherwise the surer answer first.
      const tip = Number(a.rule.severity === 'tip') - Number(b.rule.severity === 'tip');
      return tip || wrapped(a) - wrapped(b) || b.confidence - a.confidence || severityRank[a.rule.severity] - severityRank[b.rule.severity] || a.rule.id.localeCompare(b.rule.id);
    });
  // A Python code finding that does not explain the paste's error comes only after an answer to that
  // error (the code may hold a second mistake), never in its place: on its own it answers a question
  // the paste did not ask (time.sleep in a handler while the bot died of an AttributeError elsewhere).
  const answers = ranked.filter((m) => !asides.has(m.rule));
  return answers.length === 0 ? [] : [...answers, ...ranked.filter((m) => asides.has(m.rule))].slice(0, maxPresented);
}
