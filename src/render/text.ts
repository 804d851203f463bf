/**
 * Plain-text reply for the terminal (CLI `explain`, the console): names the
 * mistake, points at the user's line, explains, shows the fix. `locale` picks
 * the language of the bot's own words and of translated rules (English
 * fallback, see messages.ts). A terminal obeys control characters, so any
 * left in the paste are shown as symbols (␛, ␇…) instead of being sent raw.
 */
import type { Diagnosis, Match } from '../diagnosis.js';
import { correctExample } from '../knowledge/schema.js';
import { docsUrlFor, messages, resolveLocale, ruleText, secretWords, type Locale } from './messages.js';

export interface TextOptions {
  /** A language tag such as `zh-CN`; English when absent or untranslated. */
  locale?: string | null;
}

/** The lead paragraph; when it introduces a list ("Decide by where the code runs:"), the list too. */
function firstParagraph(text: string | undefined): string {
  const paragraphs = (text ?? '').split(/\n\s*\n/);
  const lead = paragraphs[0]!.replace(/\s*\n\s*/g, ' ').trim();
  const list = paragraphs[1]?.trim();
  if (lead.endsWith(':') && list && /^(?:[-*]|\d+\.)\s/.test(list)) {
    return `${lead}\n${list.replace(/\n\s{2,}/g, ' ')}`;
  }
  return lead;
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

export function renderMatchText(m: Match, index: number, locale: Locale = 'en'): string {
  const t = messages(locale);
  const words = ruleText(m.rule, locale);
  const out: string[] = [];
  out.push(`${index + 1}. ${t.severity[m.rule.severity]}${t.colon}${words.title}  [${m.rule.id}, ${t.confidence} ${m.confidence.toFixed(2)}${m.likely ? `, ${t.likely}` : ''}]`);
  if (m.where && (m.where.line || m.where.source)) {
    const at = m.where.file ? [m.where.file, m.where.line].filter((x) => x !== null && x !== undefined).join(':') : m.where.line ? t.lineOfYourCode(m.where.line) : t.yourCode;
    out.push(`   ${t.where}${t.colon}${at}${m.where.source ? `  →  ${m.where.source}` : ''}`);
  }
  for (const f of m.findings.slice(0, 3)) out.push(`   ${t.seen}${t.colon}${t.seenLine(f.line)}${t.colon}${f.message}`);
  out.push('', words.summary.trim(), '');
  if (words.fix) {
    // A translated rule: its summary already says what went wrong; the English "Why" would only repeat it in another language.
    out.push(`${t.fix}${t.colon.trimEnd()}`, words.fix.trim(), '');
  } else {
    const why = firstParagraph(m.rule.sections['Why']);
    if (why) out.push(`${t.why}${t.colon}${why}`, '');
    const how = firstParagraph(m.rule.sections['How to fix']);
    if (how) out.push(`${t.fix}${t.colon}${how}`, '');
  }
  for (const v of m.variants) out.push(`${t.here}${t.colon}${v.trim()}`, '');
  if (m.fix) {
    out.push(t.yourCodeFixedNote(m.fix.note), '', m.fix.code.trimEnd(), '', `${t.diff}${t.colon.trimEnd()}`, m.fix.diff.trimEnd(), '');
  } else {
    const example = correctExample(m.rule)?.trimEnd();
    if (example) out.push(t.correctedExample, '', example, '');
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
  parts.push(d.matches.map((m, i) => renderMatchText(m, i, locale)).join('\n\n' + '─'.repeat(60) + '\n\n'));
  if (d.paste.truncated) parts.push('', t.textTruncated);
  return terminalSafe(parts.join('\n') + '\n');
}
