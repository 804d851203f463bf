/**
 * Discord's interactions as plain JSON (the HTTP endpoint receives no gateway
 * events, so there are no discord.js objects here): each one becomes the
 * response Discord expects, built by the same core (`app/`) and renderer
 * (`render/`) as the gateway bot's replies.
 *
 * An answer that is not ready within `deferAfterMs` is deferred (Discord drops
 * an interaction not answered within 3 seconds) and delivered later by editing
 * the original response through REST.
 */
import { pressAnswerButton } from '../app/answer-buttons.js';
import { askedReply, confidentAt } from '../app/answer-reply.js';
import { answeredFromStore, type AnsweredCase } from '../app/answered-case.js';
import { faqAdminChoices, faqAdminCommand, formFromCase, saveFaqForm, type FormUser } from '../app/faq-form.js';
import { forgetMeReply } from '../app/forget.js';
import { reviewReply, summaryReply } from '../app/stats-reply.js';
import { commandNames } from '../app/command-names.js';
import { explainText, RecentCases } from '../app/cases.js';
import { resolveTopic, searchTopics } from '../app/faq-search.js';
import type { FaqEntry } from '../app/types.js';
import type { Services } from '../app/services.js';
import type { Rule } from '../knowledge/schema.js';
import { log } from '../log.js';
import { renderFaqEntry, renderFaqRule, renderNotice, renderUnknownTopic, type DiscordReply } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';

/** Interaction and response types of Discord's API (docs: "Receiving and Responding"). */
export const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const ResponseType = { Pong: 1, Message: 4, DeferredMessage: 5, DeferredUpdate: 6, AutocompleteResult: 8, Modal: 9 } as const;
const ephemeralFlag = 64;
const subcommandType = 1;
/** MANAGE_MESSAGES in the member's permission bitfield (Discord sends it as a decimal string). */
const manageMessagesBit = 1n << 13n;
const explainModalId = 'explain:paste';
const explainModalInput = 'text';
/** A diagnosis not back by then is deferred: the endpoint must answer within 3 seconds. */
export const deferAfterMs = 1500;

/** A command option as Discord sends it; a subcommand (type 1) carries its own options. */
interface CommandOption {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: CommandOption[];
}

/** The parts of an interaction payload this endpoint reads. */
export interface RawInteraction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  locale?: string;
  guild_id?: string;
  channel_id?: string;
  member?: { user?: { id: string }; permissions?: string };
  user?: { id: string };
  /** A button's message: its id, and the interaction it answers when it was an interaction's response. */
  message?: { id: string; flags?: number; interaction_metadata?: { id: string } | null };
  data?: {
    name?: string;
    type?: number;
    target_id?: string;
    custom_id?: string;
    options?: CommandOption[];
    resolved?: { messages?: Record<string, { content?: string }>; users?: Record<string, { id: string; bot?: boolean }> };
    components?: { components?: { custom_id?: string; value?: string }[] }[];
  };
}

/** A response body, and the multipart files it carries (Discord takes files only as multipart/form-data). */
export interface EndpointResponse {
  body: Record<string, unknown>;
  files?: DiscordReply['files'];
  /**
   * Work through REST once the response has gone out (a deferred answer edited in, a message deleted):
   * Discord takes webhook calls for an interaction only after its response.
   */
  later?: () => Promise<void>;
}

export interface EndpointDeps {
  services: Services;
  recent: RecentCases;
  ruleById: ReadonlyMap<string, Rule>;
  /** At most `limit` explanations per user per `windowMs`, counted in the shared store (every copy sees the same count). */
  rateLimit: { limit: number; windowMs: number };
  /**
   * Delivers the answer to a deferred interaction: edits the "thinking…" placeholder, or, when the answer's
   * visibility differs from the placeholder's, deletes it and sends the answer as a follow-up.
   */
  deliverDeferred(applicationId: string, token: string, reply: DiscordReply, placeholderEphemeral: boolean): Promise<void>;
  /** Deletes the interaction's original message: after a deferred update, the message the button is on. */
  deleteOriginal(applicationId: string, token: string): Promise<void>;
}

/** A rendered reply as the API's message data. */
export function messageData(reply: DiscordReply): Record<string, unknown> {
  return {
    ...(reply.content ? { content: reply.content } : {}),
    embeds: reply.embeds,
    components: reply.components,
    allowed_mentions: reply.allowedMentions,
    ...(reply.files.length ? { attachments: reply.files.map((f, id) => ({ id, filename: f.name, ...(f.description ? { description: f.description } : {}) })) } : {}),
    ...(reply.ephemeral ? { flags: ephemeralFlag } : {}),
  };
}

/** A body with files as Discord takes it (`payload_json` plus `files[n]`, multipart/form-data). */
export function multipartBody(payload: Record<string, unknown>, files: DiscordReply['files']): FormData {
  const form = new FormData();
  form.append('payload_json', JSON.stringify(payload));
  files.forEach((f, n) => form.append(`files[${n}]`, new Blob([new Uint8Array(f.data)]), f.name));
  return form;
}

const message = (reply: DiscordReply): EndpointResponse => ({ body: { type: ResponseType.Message, data: messageData(reply) }, files: reply.files });

function option(i: RawInteraction, name: string): unknown {
  return i.data?.options?.find((o) => o.name === name)?.value;
}

function userId(i: RawInteraction): string | null {
  return i.member?.user?.id ?? i.user?.id ?? null;
}

async function guildEntries(services: Services, guildId: string | undefined): Promise<FaqEntry[]> {
  if (!guildId) return [];
  try {
    return await services.store.listFaq(guildId);
  } catch {
    // The store keeps replies going when the database fails: no server entries then.
    return [];
  }
}

/**
 * The answer when it is ready within `deferAfterMs`; otherwise a deferred response (a "thinking…"
 * placeholder, ephemeral when asked) and the answer delivered through REST when it comes.
 */
async function answerSoon(i: RawInteraction, deps: EndpointDeps, pending: Promise<DiscordReply>, placeholderEphemeral: boolean): Promise<EndpointResponse> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deferAfterMs)));
  const first = await Promise.race([pending, late]).finally(() => clearTimeout(timer));
  if (first) return message(first);
  return {
    body: { type: ResponseType.DeferredMessage, data: placeholderEphemeral ? { flags: ephemeralFlag } : {} },
    later: () => pending.then((reply) => deps.deliverDeferred(i.application_id, i.token, reply, placeholderEphemeral)),
  };
}

/** Counts an explanation against the user's limit (shared by every copy); the notice to send when over it. */
async function overLimit(i: RawInteraction, deps: EndpointDeps): Promise<EndpointResponse | null> {
  const user = userId(i);
  if (!user) return null;
  const wait = await deps.services.store.takeRateLimit(user, deps.rateLimit.limit, deps.rateLimit.windowMs);
  return wait === 0 ? null : message(renderNotice(messages(resolveLocale(i.locale)).rateLimited(wait)));
}

/** Explains `text` with the gateway bot's reply and buttons, deferring when the diagnosis is slow. */
async function explain(i: RawInteraction, deps: EndpointDeps, text: string, trigger: 'explain' | 'modal' | 'context-menu', visible: 'match' | 'confident'): Promise<EndpointResponse> {
  const locale = i.locale ?? null;
  if (!text.trim()) return message(renderNotice(messages(resolveLocale(locale)).nothingToRead));
  const pending = explainText(deps.services, deps.recent, text, {
    source: 'discord',
    trigger,
    guildId: i.guild_id ?? null,
    channelId: i.channel_id ?? null,
    userId: userId(i),
    // Logged with the case: the answer's buttons, pressed on whichever copy, find the case by this interaction's id.
    answersInteraction: i.id,
  }, { serverFaq: { confidentAt, unasked: false } }).then((explained): DiscordReply => askedReply(explained, { locale, visible, askerId: userId(i), channelId: i.channel_id ?? null, rulePages: deps.services.rulePagesUrl }).reply);
  return answerSoon(i, deps, pending, visible === 'confident');
}

function hasManageMessages(i: RawInteraction): boolean {
  const bits = i.member?.permissions;
  return typeof bits === 'string' && /^\d{1,40}$/.test(bits) && (BigInt(bits) & manageMessagesBit) !== 0n;
}

/** The case the pressed message answers, from the shared store: by the message, or by the interaction it answered. */
async function pressedAnswer(i: RawInteraction, deps: EndpointDeps): Promise<AnsweredCase | null> {
  const pressed = i.message;
  if (!pressed?.id) return null;
  const { store } = deps.services;
  // Whether everyone sees the message Discord says itself (its flags are part of the signed payload).
  const found = answeredFromStore(await store.caseForReply(pressed.id, pressed.interaction_metadata?.id ?? null), ((pressed.flags ?? 0) & ephemeralFlag) === 0);
  // From now on the message itself names the case.
  if (found && found.messageId === null && found.caseId !== null) await store.attachReply(found.caseId, { messageId: pressed.id, public: found.public });
  return found;
}

function formUser(i: RawInteraction): FormUser {
  return { guildId: i.guild_id ?? null, userId: userId(i) ?? '', isModerator: hasManageMessages(i), locale: i.locale ?? null };
}

/** `/stats`, for members with Manage Messages in a server, as the gateway bot answers it. */
async function stats(i: RawInteraction, deps: EndpointDeps): Promise<EndpointResponse> {
  if (!i.guild_id || !hasManageMessages(i)) return message(renderNotice(messages(resolveLocale(i.locale)).statsDenied));
  const days = option(i, 'days');
  const query = { guildId: i.guild_id, days: typeof days === 'number' ? days : null, locale: i.locale ?? null };
  if (option(i, 'show') === 'unmatched') return message(await reviewReply(deps.services.store, query));
  // The summary's chart takes a few hundred milliseconds to draw: deferred (privately) when it is late.
  return answerSoon(i, deps, summaryReply(deps.services.store, query), true);
}

/** The button under a case in `/stats show:unmatched`: the entry form, pre-filled from the case (or why not). */
async function openFormFromCase(i: RawInteraction, deps: EndpointDeps, customId: string): Promise<EndpointResponse> {
  const opened = await formFromCase(deps.services, formUser(i), customId);
  return 'form' in opened ? { body: { type: ResponseType.Modal, data: opened.form } } : message(opened.reply);
}

/** Show fix, Helpful, Wrong, Delete: the gateway bot's rules (app/answer-buttons.ts), answered over HTTP. */
async function pressButton(i: RawInteraction, deps: EndpointDeps, customId: string): Promise<EndpointResponse> {
  const presser = { userId: userId(i) ?? '', channelId: i.channel_id ?? null, canManageMessages: hasManageMessages(i), locale: i.locale ?? null };
  const buttonDeps = { ...deps.services, recent: deps.recent, ruleById: deps.ruleById };
  const outcome = await pressAnswerButton(buttonDeps, customId, () => pressedAnswer(i, deps), presser);
  if (outcome.kind === 'delete') {
    return { body: { type: ResponseType.DeferredUpdate }, later: () => deps.deleteOriginal(i.application_id, i.token) };
  }
  if (outcome.kind === 'refused') {
    // Metadata only; a refused press changes nothing.
    log.info({ reason: outcome.reason, customId: customId.slice(0, 100), messageId: i.message?.id, userId: presser.userId }, 'button press refused');
  }
  return message(outcome.reply);
}

async function faq(i: RawInteraction, deps: EndpointDeps): Promise<EndpointResponse> {
  const { rules } = deps.services;
  const value = String(option(i, 'topic') ?? '');
  const entries = await guildEntries(deps.services, i.guild_id);
  const topic = resolveTopic(value, rules, new Map(rules.map((r) => [r.id, r])), entries);
  if (!topic) return message(renderUnknownTopic(value, i.locale));
  const targetId = String(option(i, 'user') ?? '') || null;
  const target = targetId ? i.data?.resolved?.users?.[targetId] : undefined;
  const addressed = target && !target.bot ? target.id : null;
  return message(topic.kind === 'faq' ? renderFaqEntry(topic.entry, addressed, i.locale) : renderFaqRule(topic.rule, addressed, i.locale, deps.services.rulePagesUrl));
}

function explainModal(locale: string | undefined): EndpointResponse {
  const m = messages(resolveLocale(locale));
  return {
    body: {
      type: ResponseType.Modal,
      data: {
        custom_id: explainModalId,
        title: m.modalTitle,
        components: [{ type: 1, components: [{ type: 4, custom_id: explainModalInput, label: m.modalLabel, style: 2, max_length: 4000, required: true }] }],
      },
    },
  };
}

/** The response to one verified interaction. */
export async function respond(i: RawInteraction, deps: EndpointDeps): Promise<EndpointResponse> {
  const m = messages(resolveLocale(i.locale));
  switch (i.type) {
    case InteractionType.Ping:
      return { body: { type: ResponseType.Pong } };
    case InteractionType.ApplicationCommand: {
      const name = i.data?.name;
      // As in the gateway bot, explaining (opening its form included) counts against the user's limit.
      if (name === commandNames.explain) {
        const text = String(option(i, 'text') ?? '');
        return (await overLimit(i, deps)) ?? (text ? explain(i, deps, text, 'explain', 'match') : explainModal(i.locale));
      }
      if (name === commandNames.explainMessage) {
        const target = i.data?.target_id ? i.data.resolved?.messages?.[i.data.target_id] : undefined;
        return (await overLimit(i, deps)) ?? explain(i, deps, target?.content ?? '', 'context-menu', 'confident');
      }
      if (name === commandNames.faq) return faq(i, deps);
      if (name === commandNames.stats) return stats(i, deps);
      if (name === commandNames.faqAdmin) {
        const sub = i.data?.options?.find((o) => o.type === subcommandType);
        const done = await faqAdminCommand(deps.services, formUser(i), sub?.name ?? null, String(sub?.options?.find((o) => o.name === 'name')?.value ?? ''));
        return 'form' in done ? { body: { type: ResponseType.Modal, data: done.form } } : message(done.reply);
      }
      if (name === commandNames.forgetMe) return message(await forgetMeReply(deps.services.store, userId(i) ?? '', i.locale));
      return message(renderNotice(m.httpUnsupported));
    }
    case InteractionType.Autocomplete: {
      if (i.data?.name === commandNames.faqAdmin) {
        const typed = i.data.options?.flatMap((o) => o.options ?? []).find((o) => o.focused)?.value;
        return { body: { type: ResponseType.AutocompleteResult, data: { choices: faqAdminChoices(await guildEntries(deps.services, i.guild_id), String(typed ?? '')) } } };
      }
      const focused = i.data?.options?.find((o) => o.focused);
      const choices = searchTopics(String(focused?.value ?? ''), deps.services.rules, await guildEntries(deps.services, i.guild_id)).map((s) => ({
        name: s.name.slice(0, 100),
        value: s.value.slice(0, 100),
      }));
      return { body: { type: ResponseType.AutocompleteResult, data: { choices } } };
    }
    case InteractionType.ModalSubmit: {
      const fields = i.data?.components?.flatMap((row) => row.components ?? []) ?? [];
      const field = (id: string) => String(fields.find((c) => c.custom_id === id)?.value ?? '').trim();
      const formId = String(i.data?.custom_id ?? '');
      if (formId.startsWith('faq-admin:')) return message(await saveFaqForm(deps.services, formUser(i), formId, field));
      if (formId !== explainModalId) return message(renderNotice(m.httpUnsupported));
      const text = fields.find((c) => c.custom_id === explainModalInput)?.value ?? '';
      return (await overLimit(i, deps)) ?? explain(i, deps, text, 'modal', 'match');
    }
    case InteractionType.MessageComponent: {
      const customId = String(i.data?.custom_id ?? '');
      return customId.startsWith('faq-admin:from-case:') ? openFormFromCase(i, deps, customId) : pressButton(i, deps, customId);
    }
    default:
      return message(renderNotice(m.httpUnsupported));
  }
}
