/**
 * fix: rewrites the user's own code for a matched rule, through the rule's
 * fixer, and computes the diff people see. When no fixer applies (or it
 * declines), the match carries no fix and renderers show the rule's own
 * corrected example.
 */
import type { Fix } from '../diagnosis.js';
import { words, type CodeBlock, type Evidence, type Phrase, type SnippetFinding } from '../evidence/types.js';
import type { RuleMatch } from '../match/index.js';
import { diffLines } from './diff.js';
import { mergeRewrites } from './merge-rewrites.js';
import { namedLines } from './named-lines.js';
import type { Fixer } from './types.js';

/**
 * When a traceback or warning names the user's line (`File "bot.py", line 12`
 * and the source line under it) and the snippet holds several candidates, fix
 * the one the traceback points at. Snippets are usually excerpts, so the line
 * is found by its text, not its number.
 */
function pointedAt(match: RuleMatch, code: string, findings: SnippetFinding[]): SnippetFinding[] {
  const source = match.where?.file ? match.where.source?.trim() : undefined;
  if (!source || findings.length < 2) return findings;
  const lines = code.split('\n');
  const hit = findings.filter((f) => lines[f.line - 1]?.trim() === source);
  return hit.length ? hit : findings;
}

/**
 * Fixers that can rewrite the lone line a traceback or warning quotes when the paste has no code
 * block (`input.excerpt`). Others need the surrounding code (a def to make async, a loop to
 * rewrite) and show the rule's own example instead.
 */
const EXCERPT_FIXERS = new Set(['py.add-await', 'py.call-coroutine-function', 'py.use-asyncio-run', 'py.use-async-with', 'py.use-async-for', 'py.nested-run-to-await', 'py.remove-bad-await', 'py.asyncio-version']);

/**
 * Excerpt fixers that may look for their line among all of a traceback's frames (innermost first),
 * not only the one the match points at: the line they rewrite is recognisable by itself and by the
 * error (a `with` whose context manager refused it), even in code installed as a package, which a
 * frame marks as a library's.
 */
const FRAME_SEARCH_FIXERS = new Set(['py.use-async-with', 'py.asyncio-version']);

/** The paste's sentences (its prose blocks) and its other blocks' text, where named lines are looked for. */
export interface PasteText {
  prose: readonly string[];
  other: readonly string[];
}

/**
 * Fixers that can rewrite a line the question names in its own words (`namedLines`) when the paste
 * has no code of the rule's language and no traceback or warning quotes a line: an un-awaited
 * call the warning names, a `time.sleep(…)` in code the rule says runs on the loop.
 */
const NAMED_LINE_FIXERS = new Set(['py.add-await', 'py.unblock-call', 'py.asyncio-version', 'py.remove-bad-await', 'py.use-async-with']);

/**
 * Fixers that need a whole block, and the excerpt fixer that does their part on the one line a
 * warning quotes: discord.py 2's `bot.add_cog(…)` or `bot.load_extension(…)` quoted under
 * "coroutine … was never awaited" is awaited where it stands (the note says the function around it
 * must be async, which is what the rule explains).
 */
const EXCERPT_FALLBACK: Readonly<Record<string, string>> = { 'py.load-extension-setup-hook': 'py.add-await' };

/** The user's line a traceback or warning points at, as a one-line block, and the function it ran in when a frame names it. */
function excerptOf(match: RuleMatch, evidence: Evidence): { code: string; function: string | null } | null {
  const where = match.where;
  const code = where?.source?.trim();
  if (!where || !code || !where.file) return innermostFrameOf(evidence);
  const frame = evidence.errors.flatMap((e) => e.frames).find((f) => f.file === where.file && f.line === where.line && !f.library);
  return { code, function: frame?.function ?? null };
}

/**
 * A traceback whose every frame is a library's (the bug is the library's own line, as an issue
 * against that library pastes it) names no line of the user's: the line that raised, the innermost
 * frame's, is the one to fix. The fixer still checks that the error is about that line.
 */
function innermostFrameOf(evidence: Evidence): { code: string; function: string | null } | null {
  const frames = evidence.errors.length === 1 ? evidence.errors[0]!.frames : [];
  const last = frames.at(-1);
  if (!last?.source || frames.some((f) => !f.library)) return null;
  return { code: last.source.trim(), function: last.function ?? null };
}

/**
 * The fixes for every match, best match first. A fix that rewrites a line of the user's code
 * which a better match's fix also rewrites, differently, is dropped (that match shows its rule's
 * own example): two fixes of one line that disagree ("add `await`" and "remove `await`") cannot
 * both be applied, and a reply must not show both. Fixes that agree are combined into the best
 * match's (`withOtherFixes`).
 */
export function fixMatches(matches: readonly RuleMatch[], evidence: Evidence, fixers: Readonly<Record<string, Fixer>>, text: PasteText = { prose: [], other: [] }): (Fix | null)[] {
  const shown: { block: number | null; lines: Set<number>; code: string }[] = [];
  const blocks: (number | null)[] = [];
  const fixes = matches.map((m) => {
    const fixed = fixWithLines(m, evidence, fixers, text.prose) ?? fixNamedLine(m, evidence, fixers, text);
    blocks.push(fixed?.block ?? null);
    if (!fixed) return null;
    const clash = shown.some((s) => s.block === fixed.block && s.code !== fixed.fix.code && fixed.removed.some((l) => s.lines.has(l)));
    if (clash) return null;
    shown.push({ block: fixed.block, lines: new Set(fixed.removed), code: fixed.fix.code });
    return fixed.fix;
  });
  return withOtherFixes(matches, withCauseFix(matches, fixes), blocks, evidence);
}

/**
 * Rules that name what an error says happened, with no rewrite of their own, and the rules whose
 * fix removes its cause in the user's code: a rejection nothing handled comes from a promise
 * nobody awaited (or one made in an async `forEach` callback), so awaiting it is the fix.
 */
const FIXED_BY_CAUSE: Readonly<Record<string, readonly string[]>> = {
  'js/unhandled-rejection': ['js/floating-promise', 'js/async-foreach'],
};

/**
 * Below this a code finding is a guess (code read alone scores 0.5 to 0.6): it does not shape the
 * fix of what the error says.
 */
const CAUSE_CONFIDENCE = 0.7;

/**
 * The best match comes from the error and has no fix; a later match found the cause in the code
 * and has one: the best match shows that fix too (the error names the rule, the code shapes the
 * fix). Only one cause, so the fix is not a pick between two.
 */
function withCauseFix(matches: readonly RuleMatch[], fixes: (Fix | null)[]): (Fix | null)[] {
  const causes = FIXED_BY_CAUSE[matches[0]?.rule.id ?? ''];
  if (!causes || fixes[0] !== null) return fixes;
  const found = matches.map((m, i) => (i > 0 && causes.includes(m.rule.id) && m.confidence >= CAUSE_CONFIDENCE ? fixes[i] : null)).filter((f): f is Fix => f !== null);
  return found.length === 1 ? [found[0]!, ...fixes.slice(1)] : fixes;
}

/** Below this confidence a match is a guess: its fix stays its own and is not folded into the best match's. */
const COMBINE_CONFIDENCE = 0.8;

/**
 * The best match's fix with the other confident matches' fixes of the same block applied too,
 * when they touch other lines (a paste with three mistakes gets one rewrite with all three fixed,
 * and the note says each change). A later fix whose edits do not apply cleanly to the best one's
 * code is left out of it (it is still shown under its own match).
 */
function withOtherFixes(matches: readonly RuleMatch[], fixes: (Fix | null)[], blocks: (number | null)[], evidence: Evidence): (Fix | null)[] {
  const best = fixes.findIndex((f) => f !== null);
  const block = best >= 0 ? blocks[best] : null;
  const target = block === null || block === undefined ? undefined : evidence.codeBlocks.find((b) => b.blockIndex === block);
  if (!target) return fixes;
  const original = target.code + target.rest;
  const first = fixes[best]!;
  let code = first.code;
  const notes: Phrase[] = [first.note];
  for (let i = best + 1; i < fixes.length; i++) {
    const other = fixes[i];
    if (!other || blocks[i] !== block || matches[i]!.confidence < COMBINE_CONFIDENCE || other.code === code) continue;
    const merged = mergeRewrites(original, code, other.code);
    if (merged === null || merged === code) continue;
    code = merged;
    notes.push(other.note);
  }
  if (notes.length === 1) return fixes;
  const diff = diffLines(original, code);
  const combined: Fix = { ...first, code, diff: diff.text, changedLines: diff.addedLines, note: words('fix.combined', { parts: notes }) };
  return fixes.map((f, i) => (i === best ? combined : f));
}

/** A match's fix, the block it rewrites (null: the line a traceback quotes) and the lines of the user's code it changes. */
function fixWithLines(match: RuleMatch, evidence: Evidence, fixers: Readonly<Record<string, Fixer>>, prose: readonly string[] = []): { fix: Fix; block: number | null; removed: number[] } | null {
  const fixer = match.rule.fixer ? fixers[match.rule.fixer] : undefined;
  if (!fixer) return null;
  // Fix the block the findings point at; with no finding, the only code block of the rule's language.
  const blockIndex =
    match.findings[0]?.blockIndex ??
    (evidence.codeBlocks.filter((b) => b.language === match.rule.language).length === 1
      ? evidence.codeBlocks.find((b) => b.language === match.rule.language)!.blockIndex
      : undefined);
  const block = evidence.codeBlocks.find((b) => b.blockIndex === blockIndex);
  const id = match.rule.fixer!;
  const lineFixer = EXCERPT_FIXERS.has(id) ? fixer : EXCERPT_FALLBACK[id] !== undefined ? fixers[EXCERPT_FALLBACK[id]] : undefined;
  if (!block) {
    const onlyFixed = oneBlockFixed(match, evidence, fixer, prose);
    if (onlyFixed) return onlyFixed;
    // Several blocks and none to choose: the line above an error in one of them, else the line the
    // error itself quotes (its frame's source), which the excerpt fixer checks the error is about.
    const excerpt = !lineFixer
      ? null
      : evidence.codeBlocks.length === 0
        ? fixExcerpt(match, evidence, lineFixer, FRAME_SEARCH_FIXERS.has(id))
        : (fixLineAboveError(match, evidence, lineFixer) ?? fixExcerpt(match, evidence, lineFixer, FRAME_SEARCH_FIXERS.has(id)));
    return excerpt ? { fix: excerpt, block: null, removed: [1] } : null;
  }
  const fixed = fixBlock(match, evidence, fixer, block, prose);
  if (fixed || !lineFixer) return fixed;
  // No fix from the block: the block is often the traceback or warning itself, pasted in a fence
  // (its lines blanked, the quoted source line left alone), or code around the line that failed.
  // The line the traceback or warning quotes is still the one to fix, unless a finding in a real
  // block of code made the rule match and its fixer declined it there.
  const lines = block.code.split('\n').filter((l) => l.trim() !== '').length;
  if (match.findings.length > 0 && lines > 1) return null;
  const excerpt = fixExcerpt(match, evidence, lineFixer, FRAME_SEARCH_FIXERS.has(id));
  return excerpt ? { fix: excerpt, block: null, removed: [1] } : null;
}

/**
 * No code of the rule's language and no line a traceback or warning quotes that the fixer could
 * rewrite: the line the question names in its words ("`time.sleep(3)` needs to be changed"), or
 * the one a caret row points at in a traceback cut above its `File` line, when exactly one of the
 * named lines gets a fix. Two would be a guess.
 */
function fixNamedLine(match: RuleMatch, evidence: Evidence, fixers: Readonly<Record<string, Fixer>>, text: PasteText): { fix: Fix; block: number | null; removed: number[] } | null {
  const id = match.rule.fixer;
  const fixer = id && NAMED_LINE_FIXERS.has(id) ? fixers[id] : undefined;
  if (!fixer || evidence.codeBlocks.some((b) => b.language === match.rule.language)) return null;
  // A line of the user's that a traceback or warning quotes is the one its error is about; the
  // excerpt fixers had their go at it. An installed package's line (ipykernel's, printed under a
  // warning raised in a notebook cell) is not the user's.
  if (evidence.warnings.some((w) => w.source && !w.inPackage) || evidence.errors.some((e) => e.cutSource !== undefined || e.frames.some((f) => f.source && !f.library))) return null;
  const fixes = namedLines(text.prose, evidence, text.other)
    .map((code) => fixLine(match, evidence, fixer, { code, function: null, named: true }))
    .filter((f): f is Fix => f !== null);
  const distinct = new Set(fixes.map((f) => f.code));
  return distinct.size === 1 ? { fix: fixes[0]!, block: null, removed: [1] } : null;
}

/**
 * Fixers that, given no finding, rewrite only what the paste's error names in the code (the call
 * whose coroutine `'coroutine' object has no attribute 'fetchall'` read): in a paste of several
 * blocks and no finding to choose one, each block of the rule's language is tried, and the one
 * block that holds what the error names is fixed.
 */
const ERROR_ANCHORED_FIXERS = new Set(['py.add-await']);

/** The fix of the one block of several that an error-anchored fixer can fix with no finding; null when none or more than one. */
function oneBlockFixed(match: RuleMatch, evidence: Evidence, fixer: Fixer, prose: readonly string[]): { fix: Fix; block: number | null; removed: number[] } | null {
  if (match.findings.length > 0 || !ERROR_ANCHORED_FIXERS.has(match.rule.fixer ?? '')) return null;
  const blocks = evidence.codeBlocks.filter((b) => b.language === match.rule.language);
  if (blocks.length < 2) return null;
  const fixed = blocks.map((b) => fixBlock(match, evidence, fixer, b, prose)).filter((f) => f !== null);
  return fixed.length === 1 ? fixed[0]! : null;
}

/** The rule's fixer run on one code block: the fix, the block it rewrites and the lines it changes. */
function fixBlock(match: RuleMatch, evidence: Evidence, fixer: Fixer, block: CodeBlock, prose: readonly string[] = []): { fix: Fix; block: number | null; removed: number[] } | null {
  const findings = pointedAt(match, block.code, match.findings.filter((f) => f.blockIndex === block.blockIndex));
  let out;
  try {
    out = fixer({ code: block.code, language: block.language, findings, evidence, rule: match.rule.id, prose });
  } catch {
    return null; // a fixer bug must not cost the user the explanation
  }
  // The fixer may rewrite a sibling block instead (the function the finding's line calls, declared there).
  const target = out?.blockIndex === undefined ? block : evidence.codeBlocks.find((b) => b.blockIndex === out.blockIndex && b.language === block.language);
  if (!out || !target || out.code === target.code) return null;
  // A block cut to the size limit: the fixer saw its head; the fix is the whole block.
  const code = target.rest === '' ? out.code : out.code.endsWith('\n') ? out.code + target.rest : `${out.code}\n${target.rest}`;
  const diff = diffLines(target.code + target.rest, code);
  return { fix: { language: target.language, code, diff: diff.text, changedLines: diff.addedLines, note: out.note }, block: target.blockIndex, removed: diff.removedLines };
}

/**
 * No code block: fix the one line the traceback or warning quotes, when the rule's fixer can. A
 * traceback pasted from its middle offers one more line, the cut frame's source above it (the
 * user's call, when the frames below are the library's): tried when the quoted frame gives no fix.
 */
function fixExcerpt(match: RuleMatch, evidence: Evidence, fixer: Fixer, searchFrames: boolean): Fix | null {
  const quoted = excerptOf(match, evidence);
  const cut = evidence.errors.find((e) => e.cutSource !== undefined)?.cutSource;
  const frames = searchFrames ? evidence.errors.flatMap((e) => [...e.frames].reverse()).filter((f) => f.source) : [];
  // A warning's own source line, when the match was located some other way (a finding on the line).
  const warned = evidence.warnings.filter((w) => w.language === match.rule.language && w.source).map((w) => ({ code: w.source!.trim(), function: null }));
  const tries = [
    quoted,
    cut !== undefined && cut !== quoted?.code ? { code: cut, function: null } : null,
    ...frames.map((f) => ({ code: f.source!.trim(), function: f.function ?? null })),
    ...(quoted ? [] : warned),
  ];
  for (const excerpt of tries) {
    const fix = excerpt ? fixLine(match, evidence, fixer, excerpt) : null;
    if (fix) return fix;
  }
  return null;
}

/**
 * Several blocks and no finding to choose one, but one block is a single line of code with the
 * error it raised pasted under it (`for sql in con.iterdump():` then `TypeError: …`): that line is
 * the one to fix, as if a traceback quoted it.
 */
function fixLineAboveError(match: RuleMatch, evidence: Evidence, fixer: Fixer): Fix | null {
  const messages = evidence.errors.map((e) => e.message.trim()).filter((m) => m.length >= 10);
  const lines = evidence.codeBlocks
    .filter((b) => b.language === match.rule.language)
    .map((b) => {
      const rows = b.code.split('\n');
      const at = rows.findIndex((r) => messages.some((m) => r.includes(m)));
      const above = at > 0 ? rows.slice(0, at).filter((r) => r.trim() !== '') : [];
      return above.length === 1 ? above[0]!.trim() : null;
    })
    .filter((l) => l !== null);
  return lines.length === 1 ? fixLine(match, evidence, fixer, { code: lines[0]!, function: null }) : null;
}

function fixLine(match: RuleMatch, evidence: Evidence, fixer: Fixer, excerpt: { code: string; function: string | null; named?: boolean }): Fix | null {
  let out;
  try {
    out = fixer({ code: excerpt.code, language: match.rule.language, findings: [], evidence, excerpt: { function: excerpt.function, ...(excerpt.named && { named: true }) } });
  } catch {
    return null;
  }
  if (!out || out.code === excerpt.code) return null;
  const diff = diffLines(excerpt.code, out.code);
  return { language: match.rule.language, code: out.code, diff: diff.text, changedLines: diff.addedLines, note: out.note };
}
