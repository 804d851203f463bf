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
import { commandNames } from '../app/command-names.js';
import { explainText, RecentCases } from '../app/cases.js';
import { resolveTopic, searchTopics } from '../app/faq-search.js';
import type { FaqEntry } from '../app/types.js';
import type { Services } from '../app/services.js';
import { renderDiagnosis, renderFaqEntry, renderFaqRule, renderNoMatch, renderNotice, renderTooComplex, renderUnknownTopic, type DiscordReply } from '../render/discord.js';
import { messages, resolveLocale } from '../render/messages.js';

/** Interaction and response types of Discord's API (docs: "Receiving and Responding"). */
export const InteractionType = { Ping: 1, ApplicationCommand: 2, MessageComponent: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const ResponseType = { Pong: 1, Message: 4, DeferredMessage: 5, AutocompleteResult: 8, Modal: 9 } as const;
const ephemeralFlag = 64;
const explainModalId = 'explain:paste';
const explainModalInput = 'text';
/** A diagnosis not back by then is deferred: the endpoint must answer within 3 seconds. */
export const deferAfterMs = 1500;

/** The parts of an interaction payload this endpoint reads. */
export interface RawInteraction {
  id: string;
  application_id: string;
  type: number;
  token: string;
  locale?: string;
  guild_id?: string;
  channel_id?: string;
  member?: { user?: { id: string } };
  user?: { id: string };
  data?: {
    name?: string;
    type?: number;
    target_id?: string;
    custom_id?: string;
    options?: { name: string; type: number; value?: unknown; focused?: boolean }[];
    resolved?: { messages?: Record<string, { content?: string }>; users?: Record<string, { id: string; bot?: boolean }> };
    components?: { components?: { custom_id?: string; value?: string }[] }[];
  };
}

/** A response body, and the multipart files it carries (Discord takes files only as multipart/form-data). */
export interface EndpointResponse {
  body: Record<string, unknown>;
  files?: DiscordReply['files'];
  /** Work finished after the response was sent (a deferred answer edited in through REST). */
  later?: Promise<void>;
}

export interface EndpointDeps {
  services: Services;
  recent: RecentCases;
  /** Edits the deferred original response (PATCH /webhooks/{app}/{token}/messages/@original). */
  editOriginal(applicationId: string, token: string, reply: DiscordReply): Promise<void>;
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

/** Explains `text`, as the gateway bot's /explain does, deferring when the diagnosis is slow. */
async function explain(i: RawInteraction, deps: EndpointDeps, text: string, trigger: 'explain' | 'modal' | 'context-menu', onlyConfidentInPublic: boolean): Promise<EndpointResponse> {
  const locale = i.locale ?? null;
  if (!text.trim()) return message(renderNotice(messages(resolveLocale(locale)).nothingToRead));
  const pending = explainText(deps.services, deps.recent, text, {
    source: 'discord',
    trigger,
    guildId: i.guild_id ?? null,
    channelId: i.channel_id ?? null,
    userId: userId(i),
  }).then((explained): DiscordReply => {
    if (explained.kind === 'too-complex') return renderTooComplex(explained.redactions, locale);
    const best = explained.diagnosis.matches[0];
    if (!best) return renderNoMatch(explained.diagnosis, locale);
    // Buttons act on state the gateway bot keeps per message; this endpoint renders the answer without them.
    const visible = !onlyConfidentInPublic || best.confidence >= 0.8;
    return { ...renderDiagnosis(explained.diagnosis, { caseKey: explained.caseKey, public: visible, locale }), components: [] };
  });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), deferAfterMs)));
  const first = await Promise.race([pending, late]).finally(() => clearTimeout(timer));
  if (first) return message(first);
  return {
    body: { type: ResponseType.DeferredMessage, data: onlyConfidentInPublic ? { flags: ephemeralFlag } : {} },
    later: pending.then((reply) => deps.editOriginal(i.application_id, i.token, reply)),
  };
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
  return message(topic.kind === 'faq' ? renderFaqEntry(topic.entry, addressed, i.locale) : renderFaqRule(topic.rule, addressed, i.locale));
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
      if (name === commandNames.explain) {
        const text = String(option(i, 'text') ?? '');
        return text ? explain(i, deps, text, 'explain', false) : explainModal(i.locale);
      }
      if (name === commandNames.explainMessage) {
        const target = i.data?.target_id ? i.data.resolved?.messages?.[i.data.target_id] : undefined;
        return explain(i, deps, target?.content ?? '', 'context-menu', true);
      }
      if (name === commandNames.faq) return faq(i, deps);
      return message(renderNotice(m.httpUnsupported));
    }
    case InteractionType.Autocomplete: {
      const focused = i.data?.options?.find((o) => o.focused);
      const choices = searchTopics(String(focused?.value ?? ''), deps.services.rules, await guildEntries(deps.services, i.guild_id)).map((s) => ({
        name: s.name.slice(0, 100),
        value: s.value.slice(0, 100),
      }));
      return { body: { type: ResponseType.AutocompleteResult, data: { choices } } };
    }
    case InteractionType.ModalSubmit: {
      if (i.data?.custom_id !== explainModalId) return message(renderNotice(m.httpUnsupported));
      const text = i.data.components?.flatMap((row) => row.components ?? []).find((c) => c.custom_id === explainModalInput)?.value ?? '';
      return explain(i, deps, text, 'modal', false);
    }
    default:
      return message(renderNotice(m.httpUnsupported));
  }
}
