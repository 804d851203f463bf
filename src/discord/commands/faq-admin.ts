/** `/faq-admin add|edit|remove|preview name:` — the server's own FAQ entries (Manage Messages, checked in the core: app/faq-form.ts). */
import { PermissionFlagsBits, SlashCommandBuilder, type PermissionsBitField, type SlashCommandStringOption } from 'discord.js';
import { commandNames } from '../../app/command-names.js';
import { faqAdminChoices, faqAdminCommand, formFromCase, saveFaqForm, type FormUser } from '../../app/faq-form.js';
import type { BotContext } from '../context.js';
import { send } from '../reply.js';
import { guildEntries } from './faq.js';
import { englishCommandWords } from '../../render/command-words.js';
import type { BotCommand } from './types.js';

const nameOption = (o: SlashCommandStringOption) =>
  o.setName('name').setDescription(englishCommandWords('faq-admin/add/name')).setRequired(true).setMaxLength(40).setAutocomplete(true);

const data = new SlashCommandBuilder()
  .setName(commandNames.faqAdmin)
  .setDescription(englishCommandWords('faq-admin'))
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageMessages)
  .setDMPermission(false)
  .addSubcommand((s) => s.setName('add').setDescription(englishCommandWords('faq-admin/add')).addStringOption(nameOption))
  .addSubcommand((s) => s.setName('edit').setDescription(englishCommandWords('faq-admin/edit')).addStringOption(nameOption))
  .addSubcommand((s) => s.setName('remove').setDescription(englishCommandWords('faq-admin/remove')).addStringOption(nameOption))
  .addSubcommand((s) => s.setName('preview').setDescription(englishCommandWords('faq-admin/preview')).addStringOption(nameOption))
  .toJSON();

function isModerator(interaction: { memberPermissions: Readonly<PermissionsBitField> | null }): boolean {
  return !!interaction.memberPermissions?.has(PermissionFlagsBits.ManageMessages);
}

function formUser(interaction: { guildId: string | null; user: { id: string }; memberPermissions: Readonly<PermissionsBitField> | null; locale: string }): FormUser {
  return { guildId: interaction.guildId, userId: interaction.user.id, isModerator: isModerator(interaction), locale: interaction.locale };
}

export const faqAdmin: BotCommand = {
  data,
  rateLimited: false,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    const done = await faqAdminCommand(ctx, formUser(interaction), interaction.options.getSubcommand(false), interaction.options.getString('name') ?? '');
    return 'form' in done ? interaction.showModal(done.form) : send(interaction, done.reply);
  },
  async autocomplete(interaction, ctx) {
    await interaction.respond(faqAdminChoices(await guildEntries(ctx, interaction.guildId), String(interaction.options.getFocused() ?? '')));
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
