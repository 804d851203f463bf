/**
 * match: scores every rule against the evidence. A rule's confidence is its
 * best matcher's; each further kind of evidence adds a little. Rules under
 * the threshold are not presented (precision first: no guess), and a rule
 * that `specializes` another removes its parent when both match.
 */
import type { Evidence, Frame, Language, RaisedError, SnippetFinding, WarningLine } from '../evidence/types.js';
import type { Paste } from '../intake/types.js';
import type { Matcher, Rule } from '../knowledge/schema.js';
import type { UserLocation } from '../diagnosis.js';

export const presentThreshold = 0.5;
export const maxPresented = 3;

export interface RuleMatch {
  rule: Rule;
  confidence: number;
  /** Named from a question's words rather than from evidence (src/match/prose.ts). */
  likely?: boolean;
  reasons: string[];
  where: UserLocation | null;
  findings: SnippetFinding[];
}

interface Hit {
  confidence: number;
  reason: string;
  where: UserLocation | null;
  finding?: SnippetFinding;
}

/**
 * Rule regexes (`pattern`, `unless`) compiled once each, case-insensitive. Keyed by their text: the
 * rule files hold a fixed set of them, so the cache stays as small as the knowledge base.
 */
const compiled = new Map<string, RegExp>();
function regexOf(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'i');
    compiled.set(pattern, re);
  }
  return re;
}

/** Rule `message` needles lower-cased once per rule file. */
const lowered = new WeakMap<object, string>();
function needleOf(owner: { message?: string | undefined }): string | undefined {
  if (!owner.message) return undefined;
  let n = lowered.get(owner);
  if (n === undefined) {
    n = owner.message.toLowerCase();
    lowered.set(owner, n);
  }
  return n;
}

function textFits(owner: { message?: string | undefined; pattern?: string | undefined }, text: string, lower: string): boolean {
  const needle = needleOf(owner);
  if (needle && !lower.includes(needle)) return false;
  if (owner.pattern && !regexOf(owner.pattern).test(text)) return false;
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

/** What every matcher of one diagnosis reads: computed at most once per paste. */
interface Shared {
  evidence: Evidence;
  paste: Paste;
  /** The whole paste through `foldQuoted`. */
  foldedText(): string;
  lowerText(): string;
  lowerLines(): string[];
  lastError(language: Language): RaisedError | undefined;
}

function sharedFor(evidence: Evidence, paste: Paste): Shared {
  let text: string | null = null;
  let folded: string | null = null;
  let lines: string[] | null = null;
  const last = new Map<Language, RaisedError | undefined>();
  return {
    evidence,
    paste,
    lowerText: () => (text ??= paste.text.toLowerCase()),
    foldedText: () => (folded ??= foldQuoted(paste.text)),
    lowerLines: () => (lines ??= paste.lines.map((l) => l.toLowerCase())),
    lastError(language) {
      if (!last.has(language)) last.set(language, evidence.errors.findLast((e) => !e.inGroup && languageFits(language, e.language)));
      return last.get(language);
    },
  };
}

/** Exception types of the languages themselves: their messages say what happened without the type. */
const builtinErrorTypes = new Set([
  'Error', 'TypeError', 'ValueError', 'RuntimeError', 'AttributeError', 'NameError', 'SyntaxError', 'ReferenceError',
  'RangeError', 'TimeoutError', 'CancelledError', 'InvalidStateError', 'StopIteration', 'AssertionError',
]);

/** Confidence kept by an error message quoted without its exception type (in prose, a log line, a title). */
const bareMessageFactor = 0.92;

/** Rule `message` needles through `foldQuoted`, once per rule file. */
const folded = new WeakMap<object, string>();

/**
 * People quote an error without its type: in a sentence, in quotes, wrapped over two lines, after
 * a log prefix or in a repr (`RuntimeError('…')`). The rule's message then counts as seen, a little
 * less surely, unless the paste shows another error as its cause (the message is then a side effect).
 */
function bareMessageHit(m: { type?: string | undefined; message?: string | undefined; pattern?: string | undefined; frame?: string | undefined; confidence?: number | undefined }, rule: Rule, shared: Shared, lastError: RaisedError | undefined): Hit | null {
  // A library's own exception type (ExtensionFailed) or a frame is part of what the matcher needs.
  if (m.frame || (m.type && !builtinErrorTypes.has(m.type))) return null;
  const text = shared.foldedText();
  let needle: string;
  let at: number;
  if (m.message) {
    let n = folded.get(m);
    if (n === undefined) {
      n = foldQuoted(m.message);
      folded.set(m, n);
    }
    needle = n;
    at = text.indexOf(needle);
    if (at < 0) return null;
    if (m.pattern && !regexOf(m.pattern).test(text)) return null;
  } else {
    const lead = m.pattern ? patternLead(m as { pattern: string }) : null;
    if (!lead) return null;
    needle = lead.needle;
    at = findPattern(lead, text);
    if (at < 0) return null;
  }
  const { languages } = shared.evidence;
  if (languages.length > 0 && !languages.includes(rule.language)) return null;
  if (lastError && /^[A-Z]/.test(lastError.type.split('.').pop()!) && !foldQuoted(lastError.message).includes(needle)) return null;
  return { confidence: (m.confidence ?? 0.9) * bareMessageFactor, reason: text.slice(Math.max(0, at - 40), at + needle.length + 40).trim(), where: null };
}

/** A pattern-only matcher's fixed start, to find the message by, and the pattern to check it with from there. */
interface PatternLead {
  needle: string;
  sticky: RegExp;
}
const patternLeads = new WeakMap<object, PatternLead | null>();

/**
 * The literal text a pattern starts with (after `^`, escapes undone), when it is long enough to find
 * a quoted message by: `^There is no current event loop in thread '(?!MainThread')` starts with
 * "There is no current event loop in thread '".
 */
function patternLead(m: { pattern: string }): PatternLead | null {
  let lead = patternLeads.get(m);
  if (lead !== undefined) return lead;
  const body = m.pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
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
  lead = needle.trim().length >= 16 ? { needle, sticky: new RegExp(body, 'iy') } : null;
  patternLeads.set(m, lead);
  return lead;
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

/** The fixed start of a diagnostic's text: up to its first `{0}` placeholder, at most 80 characters. */
const diagnosticPrefixes = new WeakMap<object, string | null>();
function diagnosticPrefix(matcher: { message?: string | undefined }): string | null {
  let prefix = diagnosticPrefixes.get(matcher);
  if (prefix === undefined) {
    const text = matcher.message ? foldQuoted(matcher.message.split('{')[0]!).trim().slice(0, 80) : '';
    // Too short a start ("Property '") would fit many diagnostics.
    prefix = text.length >= 24 ? text : null;
    diagnosticPrefixes.set(matcher, prefix);
  }
  return prefix;
}

/** A TypeScript diagnostic quoted without `error TSnnnn:` (in prose, a Deno or bundler log, an editor tooltip). */
function quotedDiagnosticHit(matcher: { message?: string | undefined; confidence?: number | undefined }, shared: Shared): Hit | null {
  const prefix = diagnosticPrefix(matcher);
  if (!prefix) return null;
  const text = shared.foldedText();
  const at = text.indexOf(prefix);
  if (at < 0) return null;
  return { confidence: (matcher.confidence ?? 0.9) * bareMessageFactor, reason: text.slice(at, at + 160).trim(), where: null };
}

/** True when none of the rule's own error matchers explains `error`. */
function unexplained(rule: Rule, error: RaisedError | undefined): boolean {
  // An exception class starts with a capital (`task: <Task pending …>` under a warning is not an error).
  if (!error || !/^[A-Z]/.test(error.type.split('.').pop()!)) return false;
  return !rule.match.some((mm) => 'error' in mm && (!mm.error.type || typeFits(mm.error.type, error.type)) && textFits(mm.error, error.message, error.message.toLowerCase()));
}

/**
 * True when the paste shows another failure: an error of the rule's language that none of the rule's
 * own error matchers explains, or a network failure (the cleanup lines printed after it are its side effects).
 */
function otherErrorShown(rule: Rule, shared: Shared): boolean {
  return !!shared.evidence.network?.length || unexplained(rule, shared.lastError(rule.language));
}

/**
 * An error Python reported as ignored (from a destructor, at exit) is a side effect when the paste
 * shows the failure the program died of: a fatal one (a rejected token), a network failure, or
 * another error the rule does not explain.
 */
function sideEffectOfOtherFailure(rule: Rule, shared: Shared): boolean {
  const { evidence } = shared;
  if (evidence.fatal?.length || evidence.network?.length) return true;
  return unexplained(rule, evidence.errors.findLast((e) => !e.ignored && !e.inGroup && languageFits(rule.language, e.language)));
}

/**
 * A warning Python printed at interpreter exit (`sys:1: RuntimeWarning: coroutine 'f' was never
 * awaited`) after the program died of another failure is a side effect of that crash: the
 * coroutine never ran because the program stopped first.
 */
function exitWarningAfterCrash(w: WarningLine, rule: Rule, shared: Shared): boolean {
  return w.file === 'sys' && sideEffectOfOtherFailure(rule, shared);
}

/**
 * A traceback cut after its only frame, the user's own call, says what was called but not where in
 * it the error was raised: a likely answer, not one to give unasked.
 */
function cutDepth(error: RaisedError): number {
  return error.frames.length === 1 && !error.frames[0]!.library ? 0.9 : 1;
}

function hitsFor(matcher: Matcher, rule: Rule, shared: Shared): Hit[] {
  const { evidence, paste } = shared;
  const hits: Hit[] = [];
  const lastError = 'error' in matcher ? shared.lastError(rule.language) : undefined;
  // A program that died of a fatal failure prints asyncio noise on its way out: none of it is the answer.
  const dying = !!evidence.fatal?.length;
  if ('error' in matcher) {
    const m = matcher.error;
    if (m.unless && regexOf(m.unless).test(paste.text)) return hits;
    let sideEffect = false;
    for (const e of evidence.errors) {
      if (!languageFits(rule.language, e.language)) continue;
      if (m.type && !typeFits(m.type, e.type)) continue;
      if (!textFits(m, e.message, e.message.toLowerCase())) continue;
      if (e.ignored && sideEffectOfOtherFailure(rule, shared)) {
        sideEffect = true;
        continue;
      }
      if (m.cut) {
        const last = e.frames[e.frames.length - 1];
        if (!e.cut || !last || !`${last.function ?? ''} ${last.source ?? ''}`.toLowerCase().includes(m.frame!.toLowerCase())) continue;
      } else if (m.frame) {
        const needle = m.frame.toLowerCase();
        // A SyntaxError is about the words its caret points at, not the whole line.
        const syntax = e.type.endsWith('SyntaxError');
        const inFrames = e.frames.some((f) => `${f.function ?? ''} ${f.file} ${(syntax ? f.pointed : undefined) ?? f.source ?? ''}`.toLowerCase().includes(needle));
        if (!inFrames) continue;
      }
      const frame = userFrame(e.frames, e.language);
      hits.push({
        confidence: (m.confidence ?? 0.9) * prominence(e, lastError) * (m.cut ? cutDepth(e) : 1),
        reason: `${e.type}: ${e.message}`.slice(0, 200),
        where: frame ? { file: frame.file, line: frame.line, source: frame.source ?? null } : null,
      });
    }
    // The message was there, as a side effect: quoting it without its type makes it no less one.
    if (hits.length === 0 && !dying && !sideEffect) {
      const bare = bareMessageHit(m, rule, shared, lastError);
      if (bare) hits.push(bare);
    }
  } else if ('warning' in matcher) {
    const m = matcher.warning;
    for (const w of evidence.warnings) {
      if (w.language !== rule.language) continue;
      if (m.category && w.category !== m.category) continue;
      if (!textFits(m, w.message, w.message.toLowerCase())) continue;
      if (exitWarningAfterCrash(w, rule, shared)) continue;
      const located = w.file && w.file !== 'sys' && !w.file.startsWith('<');
      hits.push({
        confidence: m.confidence ?? 0.9,
        reason: `${w.category}: ${w.message}`.slice(0, 200),
        where: located ? { file: w.file ?? null, line: w.line ?? null, source: w.source ?? null } : null,
      });
    }
  } else if ('line' in matcher) {
    if (dying) return hits;
    const m = matcher.line;
    // One fast pass over the whole paste rejects most rules before any line is looked at.
    const needle = needleOf(m);
    if (needle && !shared.lowerText().includes(needle)) return hits;
    if (m.secondary && otherErrorShown(rule, shared)) return hits;
    const lower = shared.lowerLines();
    const sideEffects = new Set(evidence.warnings.filter((w) => exitWarningAfterCrash(w, rule, shared)).map((w) => w.lineIndex));
    for (let i = 0; i < lower.length; i++) {
      if (sideEffects.has(i)) continue;
      if (textFits(m, paste.lines[i]!, lower[i]!)) {
        hits.push({ confidence: m.confidence ?? 0.85, reason: paste.lines[i]!.trim().slice(0, 200), where: null });
        break;
      }
    }
    // A long log line wrapped by a terminal or a logger: the line with the needle and the next one, as one.
    if (hits.length === 0 && needle && m.pattern) {
      for (let i = 0; i + 1 < lower.length; i++) {
        if (!lower[i]!.includes(needle)) continue;
        const joined = `${paste.lines[i]!.trimEnd()} ${paste.lines[i + 1]!.trim()}`;
        if (textFits(m, joined, joined.toLowerCase())) {
          hits.push({ confidence: m.confidence ?? 0.85, reason: joined.trim().slice(0, 200), where: null });
          break;
        }
      }
    }
  } else if ('ts' in matcher) {
    for (const d of evidence.tsDiagnostics) {
      if (d.code === matcher.ts) {
        hits.push({ confidence: matcher.confidence ?? 0.9, reason: `TS${d.code}: ${d.message}`.slice(0, 200), where: d.file ? { file: d.file, line: d.line, source: null } : null });
      }
    }
    if (hits.length === 0 && rule.language === 'javascript') {
      const quoted = quotedDiagnosticHit(matcher, shared);
      if (quoted) hits.push(quoted);
    }
  } else if ('discord' in matcher) {
    for (const d of evidence.discordApiErrors) {
      if (d.code === matcher.discord) hits.push({ confidence: matcher.confidence ?? 0.95, reason: `DiscordAPIError[${d.code}]: ${d.message}`, where: null });
    }
  } else if ('finding' in matcher) {
    for (const f of evidence.findings) {
      if (f.detector !== matcher.finding) continue;
      const block = paste.blocks[f.blockIndex];
      const source = block ? (block.text.split('\n')[f.line - 1]?.trim() ?? null) : null;
      hits.push({ confidence: f.confidence * (matcher.confidence ?? 1), reason: typeof f.message === 'string' ? f.message : `${f.detector} (${f.message.key})`, where: { file: null, line: f.line, source }, finding: f });
    }
  }
  return hits;
}

/** Confidence kept by a code-only finding when the paste's own error is one the rule does not explain. */
const unexplainedErrorFactor = 0.9;
/** The most a likely answer reaches: below 0.8, where help-channel watching answers unasked (src/app/answer-reply.ts). */
export const likelyCeiling = 0.79;

export function matchRules(rules: readonly Rule[], evidence: Evidence, paste: Paste): RuleMatch[] {
  const shared = sharedFor(evidence, paste);
  const scored: RuleMatch[] = [];
  for (const rule of rules) {
    if (rule.status === 'deprecated') continue;
    let best: Hit | null = null;
    let kinds = 0;
    const findings: SnippetFinding[] = [];
    const reasons: string[] = [];
    let where: UserLocation | null = null;
    let fromFindingsOnly = true;
    for (const matcher of rule.match) {
      const hits = hitsFor(matcher, rule, shared);
      if (hits.length === 0) continue;
      kinds++;
      if (!('finding' in matcher)) fromFindingsOnly = false;
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
    if (fromFindingsOnly && otherErrorShown(rule, shared)) confidence = Math.min(confidence * unexplainedErrorFactor, likelyCeiling);
    scored.push({ rule, confidence: Math.round(confidence * 100) / 100, reasons: reasons.slice(0, 5), where, findings });
  }
  const strong = scored.filter((m) => m.confidence >= presentThreshold);
  const specialized = new Set(strong.map((m) => m.rule.specializes).filter(Boolean));
  const severityRank = { error: 0, warning: 1, tip: 2 } as const;
  return strong
    .filter((m) => !specialized.has(m.rule.id))
    .sort((a, b) => {
      // A tip never outranks a mistake; otherwise the surer answer first.
      const tip = Number(a.rule.severity === 'tip') - Number(b.rule.severity === 'tip');
      return tip || b.confidence - a.confidence || severityRank[a.rule.severity] - severityRank[b.rule.severity] || a.rule.id.localeCompare(b.rule.id);
    })
    .slice(0, maxPresented);
}
