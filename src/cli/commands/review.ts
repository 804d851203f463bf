import { writeFileSync } from 'node:fs';
import { UsageError, type CliCommand, type CliIO } from '../command.js';
import type { Config } from '../../config.js';
import { cliMessages, type CliMessages } from '../../render/messages.js';
import { commandLocale } from '../lang-option.js';
import { draftRuleFromCase } from '../../faq/rule-draft.js';
import { caseNumberOption, countOption, jsonLine, minuteOf, readOptions, reviewedCase, withStore } from '../store-command.js';
import type { ReviewItem } from '../../app/types.js';

const shownLines = 15;

function renderItem(item: ReviewItem, say: CliMessages['reports']): string {
  const where = item.guildId ? say.reviewWhere(item.guildId, item.channelId) : item.source;
  const verdict = item.reason === 'unmatched' ? say.reviewUnmatched : say.reviewWrong(item.votes.wrong, item.matches.map((m) => m.rule));
  const lines = item.paste.trimEnd().split('\n');
  const body = lines.slice(0, shownLines).map((l) => `  | ${l}`);
  if (lines.length > shownLines) body.push(`  | ${say.moreLines(lines.length - shownLines)}`);
  return [`#${item.id}  ${minuteOf(item.createdAt)} UTC  ${verdict}  ${item.language ?? say.unknownLanguage}  ${where}`, ...body].join('\n');
}

/** `--draft-rule ID`: the case as a rule skeleton to complete and send upstream (src/faq/rule-draft.ts). */
async function draftRule(idText: string, out: string | undefined, io: CliIO, config: Config, say: CliMessages['reports']): Promise<number> {
  const caseId = caseNumberOption('draft-rule', idText);
  const { createEngine } = await import('../../engine.js');
  const engine = await createEngine();
  return withStore(config, async (store) => {
    const stored = await reviewedCase(store, caseId, io, say);
    if (!stored) return 1;
    // The stored paste is the redacted one: no secret reaches the draft.
    const { id, markdown } = draftRuleFromCase(caseId, engine.diagnose(stored.paste));
    if (out === undefined) io.stdout.write(markdown);
    else {
      writeFileSync(out, markdown, { flag: 'wx' });
      io.stdout.write(`${say.draftWritten(id, out)}\n`);
    }
    return 0;
  });
}

export const reviewCommand: CliCommand = {
  name: 'review',
  async run(args, io, config) {
    const { rest, locale } = commandLocale(args, config);
    const say = cliMessages(locale).reports;
    const values = readOptions(rest, { json: { type: 'boolean' }, limit: { type: 'string' }, guild: { type: 'string' }, 'draft-rule': { type: 'string' }, out: { type: 'string' } });
    if (values['draft-rule'] !== undefined) return draftRule(values['draft-rule'], values.out, io, config, say);
    if (values.out !== undefined) throw new UsageError((m) => m.errors.outWithoutDraft);
    const limit = countOption('limit', values.limit, 20, 1000);
    return withStore(config, async (store) => {
      const items = await store.review({ limit, guildId: values.guild ?? null });
      if (values.json) io.stdout.write(jsonLine(items));
      else if (items.length === 0) io.stdout.write(`${say.nothingToReview}\n`);
      else io.stdout.write(items.map((item) => renderItem(item, say)).join('\n\n') + '\n');
      return 0;
    });
  },
};
