/** Message context menu "Explain async error": the target message's text, code blocks and text attachments. */
import { ApplicationCommandType, ContextMenuCommandBuilder } from 'discord.js';
import { commandNames } from '../../app/command-names.js';
import { messages, resolveLocale } from '../../render/messages.js';
import { renderNotice } from '../../render/discord.js';
import { collectText, hasReadableAttachment } from '../../app/attachments.js';
import { answerPaste } from '../answer.js';
import { deferOnce, send } from '../reply.js';
import type { BotCommand } from './types.js';

export const explainMessageName = commandNames.explainMessage;

const data = new ContextMenuCommandBuilder().setName(explainMessageName).setType(ApplicationCommandType.Message).toJSON();

export const explainMessage: BotCommand = {
  data,
  rateLimited: true,
  async execute(interaction, ctx) {
    if (!interaction.isMessageContextMenuCommand()) return;
    const target = interaction.targetMessage;
    let text = target.content ?? '';
    if (target.attachments.size > 0 && hasReadableAttachment(target.attachments.values())) {
      // The answer is visible only when confident, so defer ephemerally; a confident
      // answer then goes to the channel as a follow-up (see send()).
      await deferOnce(interaction, true);
      const collected = await collectText(text, target.attachments.values(), ctx.attachmentOrigins, interaction.locale);
      if (!collected.text.trim()) {
        await send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).messageUnreadable(collected.problems.join('; '))));
        return;
      }
      text = collected.text;
    }
    if (!text.trim()) {
      await send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).messageNoText));
      return;
    }
    await answerPaste(interaction, ctx, text, { trigger: 'context-menu', visible: 'confident' });
  },
};
