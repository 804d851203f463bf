/**
 * `/faq-admin` and the server FAQ form, for the gateway bot and the HTTP
 * endpoint: the command opens the form (add, edit) or answers (remove,
 * preview); the button under a case in `/stats show:unmatched` opens the form
 * pre-filled from that case; a submitted form is checked and saved. Only members with Manage Messages, and only in their own server:
 * a case number carried by a button or form grants nothing.
 */
import type { APIModalInteractionResponseCallbackData } from 'discord.js';
import { draftFromDiagnosis } from '../faq/draft.js';
import { builtinTopicNames, validateFaqEntry } from '../faq/entry.js';
import { fitReply, renderFaqEntry, renderNotice, type DiscordReply } from '../render/discord.js';
import { renderFaqEntryForm } from '../render/faq-form.js';
import { escapeInline } from '../render/markdown.js';
import { messages, resolveLocale } from '../render/messages.js';
import type { Services } from './services.js';
import type { FaqEntry, StoredCase } from './types.js';

/** The button under a case in /stats show:unmatched. It carries the case's number, which grants nothing: the press is checked for Manage Messages and for the case being this server's. */
export function faqFromCaseButtonId(caseId: number): string {
  return `faq-admin:from-case:${caseId}`;
}

/** Who pressed or submitted, and where. */
export interface FormUser {
  guildId: string | null;
  userId: string;
  isModerator: boolean;
  locale?: string | null;
}

/** The case numbered `id` if it was logged in `guildId`; a moderator of one server never reaches another server's cases. */
export async function caseOfThisServer(store: Services['store'], id: string | undefined, guildId: string): Promise<StoredCase | null> {
  const n = Number(id);
  if (!Number.isInteger(n) || n < 1) return null;
  let stored: StoredCase | null = null;
  try {
    stored = await store.getCase(n);
  } catch {
    return null;
  }
  return stored && stored.guildId === guildId ? stored : null;
}

/** A refusal for anyone but a moderator in a server; null when `who` may use the form. */
export function formRefusal(who: FormUser): DiscordReply | null {
  const m = messages(resolveLocale(who.locale));
  if (!who.guildId) return renderNotice(m.faqNeedsServer);
  return who.isModerator ? null : renderNotice(m.faqDenied);
}

/** The form to make an entry from the case a `faq-admin:from-case:N` button names, or the reply saying why not. */
export async function formFromCase(services: Pick<Services, 'store' | 'diagnoser'>, who: FormUser, customId: string): Promise<{ form: APIModalInteractionResponseCallbackData } | { reply: DiscordReply }> {
  const refused = formRefusal(who);
  if (refused) return { reply: refused };
  const stored = await caseOfThisServer(services.store, customId.split(':')[2], who.guildId!);
  if (!stored) return { reply: renderNotice(messages(resolveLocale(who.locale)).caseGone) };
  // The stored paste is the redacted one, so the draft never holds a secret. Diagnosed through the worker pool like every paste.
  const outcome = await services.diagnoser.diagnose(stored.paste);
  const draft = outcome.kind === 'diagnosis' ? draftFromDiagnosis(outcome.diagnosis) : { name: 'server-error', title: '', triggers: [] };
  return { form: renderFaqEntryForm('add', draft.name, draft.title, '', draft.triggers, stored.id) };
}

/** Checks and saves a submitted entry form (`faq-admin:add|edit:NAME` or `faq-admin:from-case:N`); the reply to send. */
export async function saveFaqForm(services: Pick<Services, 'store' | 'rules'>, who: FormUser, customId: string, field: (id: string) => string): Promise<DiscordReply> {
  const refused = formRefusal(who);
  if (refused) return refused;
  const guildId = who.guildId!;
  const m = messages(resolveLocale(who.locale));
  const { store } = services;
  const [, action, arg = ''] = customId.split(':');
  const fromCase = action === 'from-case' ? await caseOfThisServer(store, arg, guildId) : null;
  if (action === 'from-case' && !fromCase) return renderNotice(m.caseGone);
  const name = fromCase ? field('name').toLowerCase() : arg;
  // Checked here too, not only by the slash command: a submitted form names its entry itself.
  if (builtinTopicNames(services.rules).has(name)) return renderNotice(m.faqBuiltinName(escapeInline(name, 40)));
  const title = field('title');
  const body = field('body');
  if (!title || !body) return renderNotice(m.faqNeedTitleAndAnswer);
  const triggers = field('triggers')
    .split('\n')
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
  // The same schema as `awaitbot faq import`: trigger safety and Discord's limits, checked here, not only by the form.
  const checked = validateFaqEntry({ name, title, body, triggers });
  if (!checked.ok) return renderNotice(m.faqNotSaved(checked.problems.map((p) => m.faqFieldProblem(p.field, escapeInline(m.faqProblem(p.problem), 300)))));
  const entry = { guildId, name, title: checked.entry.title, body: checked.entry.body, triggers: checked.entry.triggers, authorId: who.userId };
  const result = action === 'edit' ? await store.editFaq(entry) : await store.addFaq(entry);
  // The case is answered now: it leaves the review list.
  if (result.ok && fromCase) await store.markCaseAnswered(fromCase.id, name);
  if (result.ok) return renderNotice(m.faqSaved(name));
  return renderNotice(m.faqNotSavedBecause(result.reason === 'exists' || result.reason === 'missing' ? result.reason : 'unavailable'));
}

const namePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** `/faq-admin add|edit|remove|preview name:`: the form to fill in (add, edit), or the reply. */
export async function faqAdminCommand(
  services: Pick<Services, 'store' | 'rules'>,
  who: FormUser,
  sub: string | null,
  rawName: string,
): Promise<{ form: APIModalInteractionResponseCallbackData } | { reply: DiscordReply }> {
  const refused = formRefusal(who);
  if (refused) return { reply: refused };
  const guildId = who.guildId!;
  const m = messages(resolveLocale(who.locale));
  const { store } = services;
  const name = rawName.trim().toLowerCase();
  if (!namePattern.test(name) || name.length > 40) return { reply: renderNotice(m.faqBadName) };
  if (builtinTopicNames(services.rules).has(name)) return { reply: renderNotice(m.faqBuiltinName(name)) };
  const existing = await store.getFaq(guildId, name);
  if (sub === 'add') return existing ? { reply: renderNotice(m.faqExists(name)) } : { form: renderFaqEntryForm('add', name) };
  if (sub === 'edit') return existing ? { form: renderFaqEntryForm('edit', name, existing.title, existing.body, existing.triggers) } : { reply: renderNotice(m.faqNoEntry(name)) };
  if (sub === 'preview') {
    if (!existing) return { reply: renderNotice(m.faqNoEntry(name)) };
    // Exactly the /faq answer, shown to the moderator alone; the triggers (which /faq never shows) come as a note above it.
    const preview = renderFaqEntry(existing, null, who.locale);
    return { reply: fitReply({ ...preview, content: m.faqPreviewNote(existing.triggers.map((t) => escapeInline(t, 150))), ephemeral: true }) };
  }
  if (sub === 'remove') {
    const result = await store.removeFaq(guildId, name);
    return { reply: renderNotice(result.ok ? `Removed \`${name}\`.` : result.reason === 'missing' ? `There is no entry \`${name}\`.` : 'The FAQ store is unavailable right now; nothing changed.') };
  }
  return { reply: renderNotice(m.faqUsage) };
}

/** Autocomplete for `/faq-admin … name:`: the server's entries whose name holds what was typed. */
export function faqAdminChoices(entries: readonly FaqEntry[], typed: string): { name: string; value: string }[] {
  const q = typed.toLowerCase();
  return entries
    .filter((e) => e.name.includes(q))
    .slice(0, 25)
    .map((e) => ({ name: `${e.name}: ${e.title}`.slice(0, 100), value: e.name }));
}
