/**
 * Sending a rendered DiscordReply through discord.js, whatever state the
 * interaction is in (fresh, deferred, already answered), without ever
 * acknowledging twice. Every send carries allowed_mentions.
 */
import {
  AttachmentBuilder,
  MessageFlags,
  type InteractionReplyOptions,
  type MessageCreateOptions,
  type RepliableInteraction,
} from 'discord.js';
import { log } from '../log.js';
import { renderNotice, type DiscordReply } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';

function files(reply: DiscordReply): AttachmentBuilder[] {
  return reply.files.map((f) => new AttachmentBuilder(f.data, { name: f.name, ...(f.description ? { description: f.description } : {}) }));
}

export function toInteractionOptions(reply: DiscordReply): InteractionReplyOptions {
  return {
    content: reply.content,
    embeds: reply.embeds,
    components: reply.components,
    files: files(reply),
    allowedMentions: reply.allowedMentions,
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

export function toMessageOptions(reply: DiscordReply): MessageCreateOptions {
  return {
    content: reply.content,
    embeds: reply.embeds,
    components: reply.components,
    files: files(reply),
    allowedMentions: { ...reply.allowedMentions, repliedUser: false },
  };
}

/** Defers the reply (visible or ephemeral) if nothing was sent yet. */
export async function deferOnce(interaction: RepliableInteraction, ephemeral: boolean): Promise<void> {
  if (interaction.deferred || interaction.replied) return;
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
}

/**
 * Sends `reply` as the answer. When a deferred placeholder has the other
 * visibility (public "thinking…" but an ephemeral answer, or the reverse), the
 * placeholder is deleted and the answer goes as a follow-up.
 */
export async function send(interaction: RepliableInteraction, reply: DiscordReply): Promise<void> {
  const options = toInteractionOptions(reply);
  if (interaction.deferred && !interaction.replied) {
    const deferredEphemeral = interaction.ephemeral === true;
    if (reply.ephemeral !== deferredEphemeral) {
      // The placeholder's visibility cannot change: replace it with a follow-up.
      await interaction.deleteReply().catch(() => {});
      await interaction.followUp(options);
      return;
    }
    const { flags: _flags, ...edit } = options;
    await interaction.editReply(edit);
    return;
  }
  if (interaction.replied || interaction.deferred) {
    await interaction.followUp(options);
    return;
  }
  await interaction.reply(options);
}

/** The short apology after a handler error; never throws. */
export async function apologise(interaction: RepliableInteraction): Promise<void> {
  try {
    await send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).apology));
  } catch (e) {
    log.warn({ err: e }, 'could not send the apology');
  }
}
