/** `/faq-admin add|edit|remove name:` — the server's own FAQ entries (Manage Messages, checked here too). */
import { PermissionFlagsBits, SlashCommandBuilder, type PermissionsBitField, type SlashCommandStringOption } from 'discord.js';
import { formFromCase, saveFaqForm, type FormUser } from '../../app/faq-form.js';
import { fitReply, renderFaqEntry, renderNotice } from '../../render/discord.js';
import { renderFaqEntryForm } from '../../render/faq-form.js';
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

function isModerator(interaction: { memberPermissions: Readonly<PermissionsBitField> | null }): boolean {
  return !!interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages);
}

function formUser(interaction: { guildId: string | null; user: { id: string }; memberPermissions: Readonly<PermissionsBitField> | null; locale: string }): FormUser {
  return { guildId: interaction.guildId, userId: interaction.user.id, isModerator: isModerator(interaction), locale: interaction.locale };
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
      return interaction.showModal(renderFaqEntryForm('add', name));
    }
    if (sub === 'edit') {
      if (!existing) return send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).faqNoEntry(name)));
      return interaction.showModal(renderFaqEntryForm('edit', name, existing.title, existing.body, existing.triggers));
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
    const opened = await formFromCase(ctx, formUser(interaction), interaction.customId);
    return 'form' in opened ? interaction.showModal(opened.form) : send(interaction, opened.reply);
  },
  async modal(interaction, ctx: BotContext) {
    const field = (id: string) => {
      try {
        return interaction.fields.getTextInputValue(id).trim();
      } catch {
        return '';
      }
    };
    return send(interaction, await saveFaqForm(ctx, formUser(interaction), interaction.customId, field));
  },
};
