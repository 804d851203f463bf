/** `/faq topic: user:` — a known explanation, optionally addressed to (and pinging only) one user. */
import { SlashCommandBuilder } from 'discord.js';
import { log } from '../../log.js';
import { resolveTopic, searchTopics } from '../../app/faq-search.js';
import type { FaqEntry } from '../../app/types.js';
import type { Rule } from '../../knowledge/schema.js';
import { choice, renderFaqEntry, renderFaqRule, renderUnknownTopic } from '../../render/discord.js';
import type { BotContext } from '../context.js';
import { send } from '../reply.js';
import { englishCommandWords } from '../../render/command-words.js';
import type { BotCommand } from './types.js';

const data = new SlashCommandBuilder()
  .setName('faq')
  .setDescription(englishCommandWords('faq'))
  .addStringOption((o) => o.setName('topic').setDescription(englishCommandWords('faq/topic')).setRequired(true).setAutocomplete(true).setMaxLength(100))
  .addUserOption((o) => o.setName('user').setDescription(englishCommandWords('faq/user')))
  .toJSON();

/** Autocomplete choices for what the user has typed so far (at most 25, Discord's limit). */
function topicChoices(query: string, rules: Rule[], entries: FaqEntry[]): { name: string; value: string }[] {
  return searchTopics(query, rules, entries).map((s) => choice(s.name, s.value));
}

export async function guildEntries(ctx: BotContext, guildId: string | null): Promise<FaqEntry[]> {
  if (!guildId) return [];
  try {
    return await ctx.store.listFaq(guildId);
  } catch (e) {
    log.warn({ err: e }, 'FAQ entries unavailable');
    return [];
  }
}

export const faq: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    const value = interaction.options.getString('topic') ?? '';
    const target = interaction.options.getUser('user');
    const entries = await guildEntries(ctx, interaction.guildId);
    const topic = resolveTopic(value, ctx.rules, ctx.ruleById, entries);
    if (!topic) {
      await send(interaction, renderUnknownTopic(value, interaction.locale));
      return;
    }
    const targetId = target && !target.bot ? target.id : null;
    if (topic.kind === 'faq') {
      try {
        await ctx.store.recordFaqUse(topic.entry.guildId, topic.entry.name);
      } catch {
        /* counting a use never blocks the answer */
      }
      await send(interaction, renderFaqEntry(topic.entry, targetId, interaction.locale));
    } else await send(interaction, renderFaqRule(topic.rule, targetId, interaction.locale, ctx.rulePagesUrl));
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused();
    await interaction.respond(topicChoices(String(focused ?? ''), ctx.rules, await guildEntries(ctx, interaction.guildId)));
  },
};
