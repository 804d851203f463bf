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

/** A reply whose buttons act on its case: the bot must learn which message it became (see answered.ts). */
function hasCaseButtons(reply: DiscordReply): boolean {
  return reply.components.some((row) => row.components.some((b) => 'custom_id' in b && !!b.custom_id));
}

/**
 * Sends `reply` as the answer and returns the id of the message it became
 * (null for a first reply without buttons, where nobody needs it). When a
 * deferred placeholder has the other visibility (public "thinking…" but an
 * ephemeral answer, or the reverse), the placeholder is deleted and the answer
 * goes as a follow-up.
 */
export async function send(interaction: RepliableInteraction, reply: DiscordReply): Promise<string | null> {
  const options = toInteractionOptions(reply);
  if (interaction.deferred && !interaction.replied) {
    const deferredEphemeral = interaction.ephemeral === true;
    if (reply.ephemeral !== deferredEphemeral) {
      // The placeholder's visibility cannot change: replace it with a follow-up.
      await interaction.deleteReply().catch(() => {});
      return (await interaction.followUp(options)).id;
    }
    const { flags: _flags, ...edit } = options;
    return (await interaction.editReply(edit)).id;
  }
  if (interaction.replied || interaction.deferred) return (await interaction.followUp(options)).id;
  if (!hasCaseButtons(reply)) {
    await interaction.reply(options);
    return null;
  }
  // The callback's response names the message (even an ephemeral one): no second request to learn it.
  const response = await interaction.reply({ ...options, withResponse: true });
  return response.resource?.message?.id ?? null;
}

/** The short apology after a handler error; never throws. */
export async function apologise(interaction: RepliableInteraction): Promise<void> {
  try {
    await send(interaction, renderNotice(messages(resolveLocale(interaction.locale)).apology));
  } catch (e) {
    log.warn({ err: e }, 'could not send the apology');
  }
}
