/** `/faq-admin add|edit|remove name:` — the server's own FAQ entries (Manage Messages, checked here too). */
import {
  ActionRowBuilder,
  ModalBuilder,
  PermissionFlagsBits,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ModalActionRowComponentBuilder,
  type PermissionsBitField,
  type SlashCommandStringOption,
} from 'discord.js';
import type { StoredCase } from '../../app/types.js';
import { draftFromDiagnosis } from '../../faq/draft.js';
import { builtinTopicNames, faqLimits, validateFaqEntry } from '../../faq/entry.js';
import { triggerLimits } from '../../faq/triggers.js';
import { fitReply, renderFaqEntry, renderNotice } from '../../render/discord.js';
import { escapeInline } from '../../render/markdown.js';
import { messages, resolveLocale } from '../../render/messages.js';
import type { BotContext } from '../context.js';
import { send } from '../reply.js';
import { guildEntries } from './faq.js';
import type { BotCommand } from './types.js';

const nameOption = (o: SlashCommandStringOption) =>
  o.setName('name').setDescription('Short name, lower-case-with-dashes (e.g. bot-token-leaked)').setRequired(true).setMaxLength(40).setAutocomplete(true);

const data = new SlashCommandBuilder()
  .setName('faq-admin')
  .setDescription('Manage this server\'s FAQ entries for /faq')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setDMPermission(false)
  .addSubcommand((s) => s.setName('add').setDescription('Add an entry (opens a form)').addStringOption(nameOption))
  .addSubcommand((s) => s.setName('edit').setDescription('Edit an entry (opens a form)').addStringOption(nameOption))
  .addSubcommand((s) => s.setName('remove').setDescription('Remove an entry').addStringOption(nameOption))
  .addSubcommand((s) => s.setName('preview').setDescription('See an entry exactly as it will be posted (only you see it)').addStringOption(nameOption))
  .toJSON();

const namePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The button under a case in /stats show:unmatched. It carries the case's number, which grants nothing: the press is checked for Manage Messages and for the case being this server's. */
export function faqFromCaseButtonId(caseId: number): string {
  return `faq-admin:from-case:${caseId}`;
}

function entryModal(action: 'add' | 'edit', name: string, title = '', body = '', triggers: readonly string[] = [], fromCase: number | null = null): ModalBuilder {
  const m = messages('en');
  const titleInput = new TextInputBuilder().setCustomId('title').setLabel('Title').setStyle(TextInputStyle.Short).setMaxLength(faqLimits.title).setRequired(true);
  const bodyInput = new TextInputBuilder().setCustomId('body').setLabel('Answer (text; code in ``` blocks)').setStyle(TextInputStyle.Paragraph).setMaxLength(faqLimits.body).setRequired(true);
  // One trigger per line: literal error text that makes the entry answer a paste by itself.
  const triggersInput = new TextInputBuilder()
    .setCustomId('triggers')
    .setLabel(m.faqTriggersLabel)
    .setPlaceholder(m.faqTriggersPlaceholder)
    .setStyle(TextInputStyle.Paragraph)
    .setMaxLength(faqLimits.triggers * (triggerLimits.maxChars + 1))
    .setRequired(false);
  if (title) titleInput.setValue(title.slice(0, faqLimits.title));
  if (body) bodyInput.setValue(body.slice(0, faqLimits.body));
  if (triggers.length) triggersInput.setValue(triggers.join('\n'));
  const rows = [titleInput, bodyInput, triggersInput];
  if (fromCase !== null) {
    // Made from a case, the name is not typed in a command option yet: the form asks for it, pre-filled.
    rows.unshift(new TextInputBuilder().setCustomId('name').setLabel('Name (/faq topic, lower-case-with-dashes)').setStyle(TextInputStyle.Short).setMaxLength(faqLimits.name).setRequired(true).setValue(name));
  }
  return new ModalBuilder()
    .setCustomId((fromCase !== null ? `faq-admin:from-case:${fromCase}` : `faq-admin:${action}:${name}`).slice(0, 100))
    .setTitle((fromCase !== null ? `New FAQ from case #${fromCase}` : `${action === 'add' ? 'New' : 'Edit'} FAQ: ${name}`).slice(0, 45))
    .addComponents(...rows.map((input) => new ActionRowBuilder<ModalActionRowComponentBuilder>().addComponents(input)));
}

/** The case numbered `id` if it was logged in `guildId`; a moderator of one server never reaches another server's cases. */
async function caseOfThisServer(ctx: BotContext, id: string | undefined, guildId: string): Promise<StoredCase | null> {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1) return null;
  let stored: StoredCase | null = null;
  try {
    stored = await ctx.store.getCase(n);
  } catch {
    return null;
  }
  return stored && stored.guildId === guildId ? stored : null;
}

function isModerator(interaction: { memberPermissions: Readonly<PermissionsBitField> | null }): boolean {
  return !!interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages);
}

const denied = (locale: string | null | undefined) => renderNotice(messages(resolveLocale(locale)).faqDenied);

export const faqAdmin: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    if (!interaction.guildId) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqNeedsServer));
    if (!isModerator(interaction)) return send(interaction, denied(interaction.locale));
    const sub = interaction.options.getSubcommand(false);
    const name = (interaction.options.getString('name') ?? '').trim().toLowerCase();
    if (!namePattern.test(name) || name.length > 40) {
      return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqBadName));
    }
    if (ctx.ruleById.has(name) || ctx.rules.some((r) => r.id.split('/')[1] === name)) {
      return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqBuiltinName(name)));
    }
    const existing = await ctx.store.getFaq(interaction.guildId, name);
    if (sub === 'add') {
      if (existing) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqExists(name)));
      return interaction.showModal(entryModal('add', name));
    }
    if (sub === 'edit') {
      if (!existing) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqNoEntry(name)));
      return interaction.showModal(entryModal('edit', name, existing.title, existing.body, existing.triggers));
    }
    if (sub === 'preview') {
      if (!existing) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqNoEntry(name)));
      // Exactly the /faq answer, shown to the moderator alone; the triggers (which /faq never shows) come as a note above it.
      const preview = renderFaqEntry(existing, null, interaction.locale);
      const m = messages(resolveLocale(interaction.locale));
      return send(interaction, fitReply({ ...preview, content: m.faqPreviewNote(existing.triggers.map((t) => escapeInline(t, 150))), ephemeral: true }));
    }
    if (sub === 'remove') {
      const result = await ctx.store.removeFaq(interaction.guildId, name);
      return send(interaction, renderNotice(result.ok ? `Removed \`${name}\`.` : result.reason === 'missing' ? `There is no entry \`${name}\`.` : 'The FAQ store is unavailable right now; nothing changed.'));
    }
    return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqUsage));
  },
  async autocomplete(interaction, ctx) {
    const q = String(interaction.options.getFocused() ?? '').toLowerCase();
    const entries = (await guildEntries(ctx, interaction.guildId)).filter((e) => e.name.includes(q));
    await interaction.respond(entries.slice(0, 25).map((e) => ({ name: `${e.name}: ${e.title}`.slice(0, 100), value: e.name })));
  },
  async button(interaction, ctx) {
    if (!interaction.guildId) return;
    if (!isModerator(interaction)) return send(interaction, denied(interaction.locale));
    const stored = await caseOfThisServer(ctx, interaction.customId.split(':')[2], interaction.guildId);
    if (!stored) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).caseGone));
    // The stored paste is the redacted one, so the draft never holds a secret. Diagnosed through the worker pool like every paste.
    const outcome = await ctx.diagnoser.diagnose(stored.paste);
    const draft = outcome.kind === 'diagnosis' ? draftFromDiagnosis(outcome.diagnosis) : { name: 'server-error', title: '', triggers: [] };
    return interaction.showModal(entryModal('add', draft.name, draft.title, '', draft.triggers, stored.id));
  },
  async modal(interaction, ctx: BotContext) {
    if (!interaction.guildId) return;
    if (!isModerator(interaction)) return send(interaction, denied(interaction.locale));
    const [, action, arg = ''] = interaction.customId.split(':');
    const field = (id: string) => {
      try {
        return interaction.fields.getTextInputValue(id).trim();
      } catch {
        return '';
      }
    };
    const fromCase = action === 'from-case' ? await caseOfThisServer(ctx, arg, interaction.guildId) : null;
    if (action === 'from-case' && !fromCase) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).caseGone));
    const name = fromCase ? field('name').toLowerCase() : arg;
    // Checked here too, not only by the slash command: a submitted form names its entry itself.
    if (builtinTopicNames(ctx.rules).has(name)) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqBuiltinName(escapeInline(name, 40))));
    const title = field('title');
    const body = field('body');
    if (!title || !body) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqNeedTitleAndAnswer));
    const triggers = field('triggers')
      .split('\n')
      .map((t) => t.trim())
      .filter((t) => t.length > 0);
    // The same schema as `awaitbot faq import`: trigger safety and Discord's limits, checked here, not only by the form.
    const checked = validateFaqEntry({ name, title, body, triggers });
    if (!checked.ok) {
      const m = messages(resolveLocale(interaction.locale));
      return send(interaction, renderNotice(m.faqNotSaved(checked.problems.map((p) => `${p.field}: ${escapeInline(p.message, 300)}`))));
    }
    const entry = { guildId: interaction.guildId, name, title: checked.entry.title, body: checked.entry.body, triggers: checked.entry.triggers, authorId: interaction.user.id };
    const result = action === 'edit' ? await ctx.store.editFaq(entry) : await ctx.store.addFaq(entry);
    // The case is answered now: it leaves the review list.
    if (result.ok && fromCase) await ctx.store.markCaseAnswered(fromCase.id, name);
    if (result.ok) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqSaved(name)));
    return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqNotSavedBecause(result.reason === 'exists' || result.reason === 'missing' ? result.reason : 'unavailable')));
  },
};
