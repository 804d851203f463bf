/** `/explain text: file:` — explains a paste; with neither option it opens a modal. */
import {
  ActionRowBuilder,
  ModalBuilder,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
  type ModalActionRowComponentBuilder,
} from 'discord.js';
import { renderNotice } from '../../render/discord.js';
import { messages, resolveLocale } from '../../render/messages.js';
import { collectText } from '../../app/attachments.js';
import { answerPaste } from '../answer.js';
import { deferOnce, send } from '../reply.js';
import { englishCommandWords } from '../../render/command-words.js';
import type { BotCommand } from './types.js';

export const explainModalId = 'explain:paste';
export const explainModalInput = 'text';

const data = new SlashCommandBuilder()
  .setName('explain')
  .setDescription(englishCommandWords('explain'))
  .addStringOption((o) => o.setName('text').setDescription(englishCommandWords('explain/text')).setMaxLength(6000))
  .addAttachmentOption((o) => o.setName('file').setDescription(englishCommandWords('explain/file')))
  .toJSON();

export const explain: BotCommand = {
  data,
  rateLimited: true,
  async execute(interaction, ctx) {
    if (!interaction.isChatInputCommand()) return;
    const text = interaction.options.getString('text') ?? '';
    const file = interaction.options.getAttachment('file');
    if (!text && !file) {
      const m = messages(resolveLocale(interaction.locale));
      const input = new TextInputBuilder()
        .setCustomId(explainModalInput)
        .setLabel(m.modalLabel)
        .setStyle(TextInputStyle.Paragraph)
        .setMaxLength(4000)
        .setRequired(true);
      const modal = new ModalBuilder()
        .setCustomId(explainModalId)
        .setTitle(m.modalTitle)
        .addComponents(new ActionRowBuilder<ModalActionRowComponentBuilder>().addComponents(input));
      await interaction.showModal(modal);
      return;
    }
    let paste = text;
    if (file) {
      // Downloading can take a while: acknowledge first (3-second window).
      await deferOnce(interaction, false);
      const collected = await collectText(text, [file], ctx.attachmentOrigins, interaction.locale);
      if (!collected.text.trim()) {
        await send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).fileUnreadable(collected.problems.join('; '))));
        return;
      }
      paste = collected.text;
    }
    await answerPaste(interaction, ctx, paste, { trigger: 'explain', visible: 'match' });
  },
  async modal(interaction, ctx) {
    let text = '';
    try {
      text = interaction.fields.getTextInputValue(explainModalInput);
    } catch {
      text = '';
    }
    await answerPaste(interaction, ctx, text, { trigger: 'modal', visible: 'match' });
  },
};
