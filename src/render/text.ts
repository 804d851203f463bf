/**
 * Plain-text reply for the terminal (CLI `explain`, the console): names the
 * mistake, points at the user's line, explains, shows the fix.
 */
import type { Diagnosis, Match } from '../diagnosis.js';

const resetTokenAdvice =
  'Your paste contained a secret (a bot token, webhook URL or API key). It was hidden here, but treat it as leaked: reset it now (for a Discord bot: Developer Portal → your application → Bot → Reset Token).';

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

function correctExample(m: Match): string | null {
  const ex = m.rule.examples.find((e) => e.kind === 'correct');
  return ex ? ex.code.trimEnd() : null;
}

export function renderMatchText(m: Match, index: number): string {
  const out: string[] = [];
  const label = m.rule.severity === 'tip' ? 'Tip' : m.rule.severity === 'warning' ? 'Warning' : 'Mistake';
  out.push(`${index + 1}. ${label}: ${m.rule.title}  [${m.rule.id}, confidence ${m.confidence.toFixed(2)}]`);
  if (m.where && (m.where.line || m.where.source)) {
    const at = m.where.file ? [m.where.file, m.where.line].filter((x) => x !== null && x !== undefined).join(':') : m.where.line ? `line ${m.where.line} of your code` : 'your code';
    out.push(`   Where: ${at}${m.where.source ? `  →  ${m.where.source}` : ''}`);
  }
  for (const f of m.findings.slice(0, 3)) out.push(`   Seen: line ${f.line}: ${f.message}`);
  out.push('', m.rule.summary.trim(), '');
  const why = firstParagraph(m.rule.sections['Why']);
  if (why) out.push(`Why: ${why}`, '');
  const how = firstParagraph(m.rule.sections['How to fix']);
  if (how) out.push(`Fix: ${how}`, '');
  for (const v of m.variants) out.push(`Here: ${v.trim()}`, '');
  if (m.fix) {
    out.push(`Your code, fixed (${m.fix.note}):`, '', m.fix.code.trimEnd(), '', 'Diff:', m.fix.diff.trimEnd(), '');
  } else {
    const example = correctExample(m);
    if (example) out.push('Corrected example:', '', example, '');
  }
  if (m.rule.docs.length) out.push('Docs: ' + m.rule.docs.map((d) => d.url).join('  '));
  out.push(`In Discord: /faq topic:${m.rule.id}`);
  return out.join('\n');
}

export function renderText(d: Diagnosis): string {
  const parts: string[] = [];
  if (d.paste.redactions.length) parts.push(`⚠ ${resetTokenAdvice}`, '');
  if (d.paste.binary) {
    parts.push('This looks like binary data, not text: paste the error message or code as text.');
    return parts.join('\n') + '\n';
  }
  if (d.paste.text.trim() === '') {
    parts.push('Nothing to explain: the paste is empty. Paste a traceback, an error line or the code that misbehaves.');
    return parts.join('\n') + '\n';
  }
  if (d.matches.length === 0) {
    parts.push(
      'No known async error found in this paste.',
      'If it is about async code, paste the full traceback or the code around it; `awaitbot rules` lists the mistakes awaitbot knows, `/faq` in Discord shows any of them.',
    );
    return parts.join('\n') + '\n';
  }
  parts.push(d.matches.map(renderMatchText).join('\n\n' + '─'.repeat(60) + '\n\n'));
  if (d.paste.truncated) parts.push('', '(The paste was very long; only its end was read.)');
  return parts.join('\n') + '\n';
}
