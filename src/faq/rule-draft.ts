/**
 * Contributing back (issue 12): a reviewed case as the skeleton of a
 * built-in rule in `knowledge/`'s format (knowledge/TEMPLATE.md), for someone
 * to complete and send upstream. The case's (redacted) paste is the
 * `evidence` example; everything a person must write is marked TODO, so the
 * skeleton never passes for a finished rule.
 */
import { stringify as stringifyYaml } from 'yaml';
import type { Diagnosis } from '../diagnosis.js';
import { nameFrom } from './draft.js';

/** A fence of backticks longer than any run inside `text`, so the paste cannot close it. */
function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `text` without its trailing newlines (a loop: /\n+$/ backtracks quadratically on a paste of blank lines). */
function withoutTrailingNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === '\n') end--;
  return text.slice(0, end);
}

function block(info: string, text: string): string {
  const fence = fenceFor(text);
  return `${fence}${info}\n${withoutTrailingNewlines(text)}\n${fence}`;
}

export function draftRuleFromCase(caseId: number, d: Pick<Diagnosis, 'evidence' | 'paste'>): { id: string; markdown: string } {
  const error = d.evidence.errors.at(-1);
  const language = error?.language ?? d.evidence.languages[0] ?? 'python';
  const prefix = language === 'javascript' ? 'js' : 'py';
  const id = `${prefix}/${nameFrom(error?.type ?? `case-${caseId}`)}`;
  const errorLine = error ? `${error.type}${error.message ? `: ${error.message.split('\n')[0]}` : ''}` : null;
  const front: Record<string, unknown> = {
    id,
    title: `TODO: the mistake in a few words${errorLine ? ` (${errorLine.slice(0, 80)})` : ''}`,
    language,
    severity: 'error',
    summary: 'TODO: two or three sentences a beginner understands: what went wrong and why.',
    keywords: errorLine ? [errorLine.slice(0, 200)] : [],
    match: error ? [{ error: { type: error.type, message: 'TODO: the part of the message that never changes' } }] : [],
  };
  const code = d.evidence.codeBlocks[0]?.code;
  const fenceLang = language === 'javascript' ? 'js' : 'python';
  const markdown = [
    `---\n${stringifyYaml(front, { lineWidth: 0 })}---`,
    `<!-- Drafted by \`awaitbot review --draft-rule ${caseId}\` from a case nothing matched. Complete every TODO, check the error text against the source that prints it, then save as knowledge/${id}.md. -->`,
    '## What happened\n\nTODO',
    '## Why\n\nTODO',
    '## How to fix\n\nTODO',
    '## Examples',
    block(`${fenceLang} incorrect`, code ?? '# TODO: the smallest code that shows the mistake'),
    block('text evidence', d.paste.text),
    block(`${fenceLang} correct`, '# TODO: the same code, fixed'),
  ].join('\n\n');
  return { id, markdown: `${markdown}\n` };
}
