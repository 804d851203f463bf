/**
 * Plain-text reply for the terminal (CLI `explain`, the console): names the
 * mistake, points at the user's line, explains, shows the fix. `locale` picks
 * the language of the bot's own words and of translated rules (English
 * fallback, see messages.ts). A terminal obeys control characters, so any
 * left in the paste are shown as symbols (␛, ␇…) instead of being sent raw.
 */
import type { Diagnosis, Match } from '../diagnosis.js';
import type { Rule } from '../knowledge/schema.js';
import { matchText } from './match-words.js';
import { docsUrlFor, messages, resolveLocale, ruleText, say, secretWords, type Locale } from './messages.js';
import { joinWrapped } from './markdown.js';
import { layoutForTerminal, type TerminalLayout } from './terminal.js';

export interface TextOptions {
  /** A language tag such as `zh-CN`; English when absent or untranslated. */
  locale?: string | null;
  /** A person's terminal (a TTY): styles instead of Markdown markers, prose wrapped to its width (terminal.ts). Absent: plain text for pipes and files. */
  terminal?: TerminalLayout;
}

/** The lead paragraph; when it introduces a list ("Decide by where the code runs:"), the list too. */
function firstParagraph(text: string | undefined): string {
  const paragraphs = (text ?? '').split(/\n\s*\n/);
  const lead = paragraphs[0]!.trim().split(/\n/).reduce(joinWrapped);
  const list = paragraphs[1]?.trim();
  if ((lead.endsWith(':') || lead.endsWith('：')) && list && /^(?:[-*]|\d+\.)\s/.test(list)) {
    return `${lead}\n${list.replace(/\n\s{2,}/g, ' ')}`;
  }
  return lead;
}

const fence = /^\s*(`{3,}|~{3,})/;
const bullet = /^\s*(?:[-*+]|\d+[.)])\s/;

/**
 * A whole Markdown section laid out for a terminal: every paragraph, each
 * joined onto one line; every bullet on its own line (its wrapped lines joined
 * to it); every code block kept line for line, indented four spaces and
 * without its fences. Blocks are separated by a blank line.
 */
export function wholeSection(text: string | undefined): string[] {
  const blocks: string[] = [];
  /** The logical lines of the paragraph or list being read: a plain paragraph is one, a list one per bullet. */
  let prose: string[] = [];
  const flushProse = () => {
    if (prose.length) blocks.push(prose.join('\n'));
    prose = [];
  };
  const lines = (text ?? '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = fence.exec(line);
    if (open) {
      flushProse();
      // The block ends at a fence of the same character at least as long (CommonMark), or at the section's end.
      const closer = new RegExp(`^\\s*${open[1]![0]}{${open[1]!.length},}\\s*$`);
      const code: string[] = [];
      for (i++; i < lines.length && !closer.test(lines[i]!); i++) code.push(lines[i]!.trimEnd());
      while (code.length && !code[code.length - 1]) code.pop();
      while (code.length && !code[0]) code.shift();
      const margin = Math.min(...code.filter(Boolean).map((l) => l.length - l.trimStart().length));
      if (code.length) blocks.push(code.map((l) => (l ? `    ${l.slice(margin)}` : '')).join('\n'));
      continue;
    }
    if (!line.trim()) flushProse();
    // A bullet keeps its indentation, so a nested list still reads as nested.
    else if (bullet.test(line)) prose.push(line.trimEnd());
    else if (prose.length) prose[prose.length - 1] = joinWrapped(prose[prose.length - 1]!, line);
    else prose.push(line.trim());
  }
  flushProse();
  return blocks;
}

/**
 * C0 controls but tab and newline, DEL, and C1 controls: from a paste they
 * could clear the screen, move the cursor over the answer or retitle the
 * window. Intake already drops well-formed ANSI sequences; this catches the
 * rest (a lone ESC, backspaces, BEL, the one-byte CSI).
 */
const terminalControls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` with every terminal control character replaced by a visible symbol. */
export function terminalSafe(text: string): string {
  return text.replace(terminalControls, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/** Code as the text reply shows it: indented four spaces for a terminal, so layout never touches it. */
function codeLines(code: string, indent: boolean): string {
  return indent ? code.split('\n').map((l) => (l ? `    ${l}` : l)).join('\n') : code;
}

export function renderMatchText(m: Match, index: number, locale: Locale = 'en', indentCode = false): string {
  const t = messages(locale);
  // The summary and context advice speak of the user's call, and fit where it sits.
  const words = matchText(m, locale);
  const out: string[] = [];
  out.push(`${index + 1}. ${t.severity[m.rule.severity]}${t.colon}${words.title}  [${m.rule.id}${t.listComma}${t.confidence} ${m.confidence.toFixed(2)}${m.likely ? `${t.listComma}${t.likely}` : ''}]`);
  if (m.where && (m.where.line || m.where.source)) {
    const at = m.where.file ? [m.where.file, m.where.line].filter((x) => x !== null && x !== undefined).join(':') : m.where.line ? t.lineOfYourCode(m.where.line) : t.yourCode;
    out.push(`   ${t.where}${t.colon}${at}${m.where.source ? `  →  ${m.where.source}` : ''}`);
  }
  for (const f of m.findings.slice(0, 3)) out.push(`   ${t.seen}${t.colon}${t.seenLine(f.line)}${t.colon}${say(f.message, locale)}`);
  out.push('', words.summary.trim(), '');
  const why = firstParagraph(words.sections['Why']);
  if (why) out.push(`${t.why}${t.colon}${why}`, '');
  // The whole section: a fix cut at its first code block or with its bullets run together loses the steps that matter.
  const how = wholeSection(words.sections['How to fix']);
  if (how.length) {
    const [first, ...rest] = how;
    const startsWithProse = !first!.startsWith('    ') && !bullet.test(first!);
    if (startsWithProse) out.push(`${t.fix}${t.colon}${first}`);
    else out.push(`${t.fix}${t.colon.trimEnd()}`, first!);
    for (const block of rest) out.push('', block);
    out.push('');
  }
  for (const v of m.variants) out.push(`${t.here}${t.colon}${words.variant(v).trim()}`, '');
  if (m.fix) {
    out.push(t.yourCodeFixedNote(say(m.fix.note, locale)), '', codeLines(m.fix.code.trimEnd(), indentCode), '', `${t.diff}${t.colon.trimEnd()}`, codeLines(m.fix.diff.trimEnd(), indentCode), '');
  } else {
    const example = words.correctExample?.trimEnd();
    if (example) out.push(t.correctedExample, '', codeLines(example, indentCode), '');
  }
  if (m.rule.docs.length) out.push(`${t.docs}${t.colon}` + m.rule.docs.map((d) => docsUrlFor(d.url, locale)).join('  '));
  out.push(`${t.inDiscord}${t.colon}/faq topic:${m.rule.id}`);
  return out.join('\n');
}

export function renderText(d: Diagnosis, options: TextOptions = {}): string {
  const locale = resolveLocale(options.locale);
  const t = messages(locale);
  const parts: string[] = [];
  if (d.paste.redactions.length) {
    const { what, how } = secretWords(d.paste.redactions.map((r) => r.kind), t);
    parts.push(`⚠ ${t.textSecret(what, how)}`, '');
  }
  if (d.paste.binary) {
    parts.push(t.textBinary);
    return parts.join('\n') + '\n';
  }
  if (d.paste.text.trim() === '') {
    parts.push(t.textEmpty);
    return parts.join('\n') + '\n';
  }
  if (d.matches.length === 0) {
    parts.push(t.textNoMatch, t.textNoMatchHint);
    return parts.join('\n') + '\n';
  }
  const rule = '─'.repeat(Math.min(60, options.terminal?.columns ?? 60));
  parts.push(d.matches.map((m, i) => renderMatchText(m, i, locale, !!options.terminal)).join('\n\n' + rule + '\n\n'));
  if (d.paste.truncated) parts.push('', t.textTruncated);
  const safe = terminalSafe(parts.join('\n') + '\n');
  return options.terminal ? layoutForTerminal(safe, options.terminal) : safe;
}

/** Text for a terminal: control characters shown as symbols, and laid out for a person's terminal when there is one. */
function forTerminal(text: string, options: TextOptions): string {
  const safe = terminalSafe(text);
  return options.terminal ? layoutForTerminal(safe, options.terminal) : safe;
}

/**
 * One rule, whole, as the console's `/faq TOPIC` shows it: the title, the
 * summary, why, the whole fix section (bullets as bullets, code indented),
 * the corrected example and the documentation, in the reader's language and
 * laid out like an answer (no raw Markdown, no lines wrapped where the rule
 * file wraps them).
 */
export function renderRuleText(rule: Rule, options: TextOptions = {}): string {
  const locale = resolveLocale(options.locale);
  const t = messages(locale);
  const words = ruleText(rule, locale);
  const out: string[] = [`${words.title}  [${rule.id}]`, '', words.summary.trim(), ''];
  const why = wholeSection(words.sections['Why']);
  if (why.length) out.push(`${t.why}${t.colon.trimEnd()}`, ...why.flatMap((block) => [block, '']));
  const how = wholeSection(words.sections['How to fix']);
  if (how.length) out.push(`${t.fix}${t.colon.trimEnd()}`, ...how.flatMap((block) => [block, '']));
  const example = words.correctExample?.trimEnd();
  if (example) out.push(t.correctedExample, '', codeLines(example, true), '');
  if (rule.docs.length) out.push(`${t.docs}${t.colon}` + rule.docs.map((d) => docsUrlFor(d.url, locale)).join('  '));
  out.push(`${t.inDiscord}${t.colon}/faq topic:${rule.id}`);
  return forTerminal(out.join('\n') + '\n', options);
}

/** Every rule as the console's `/faq` lists it: grouped by the language it is about, each id and its title in the reader's language. */
export function renderTopicList(rules: readonly Rule[], heading: string, options: TextOptions = {}): string {
  const locale = resolveLocale(options.locale);
  const t = messages(locale);
  const out: string[] = [heading];
  for (const language of ['python', 'javascript'] as const) {
    const group = rules.filter((r) => r.language === language).sort((a, b) => a.id.localeCompare(b.id));
    if (group.length === 0) continue;
    const width = Math.max(...group.map((r) => r.id.length));
    out.push('', t.topicGroup[language], ...group.map((r) => `  ${r.id.padEnd(width)}  ${ruleText(r, locale).title}`));
  }
  return forTerminal(out.join('\n') + '\n', options);
}
