/**
 * Diagnosis → a Discord reply as plain API data (embeds, buttons, files,
 * allowed_mentions). Pure: no discord.js runtime, no I/O. Every reply built
 * here is within Discord's message limits (2,000 characters of content, 10
 * embeds of at most 6,000 characters in all, 25 fields); `fitReply` is the last
 * guard and is applied to everything this module returns. Text from users
 * (file names, messages quoting their code, their code, FAQ entries) goes in
 * only through markdown.ts, so it never becomes Markdown in the reply.
 */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import type { Diagnosis, Match } from '../diagnosis.js';
import type { Rule } from '../knowledge/schema.js';
import type { Redaction } from '../intake/types.js';
import type { FaqEntry } from '../app/types.js';
import { codeBlock, escapeInline, escapeWithCode, hasFenceRun, textWithCode, truncateMarkdown, truncatePlain, unwrapMarkdown } from './markdown.js';
import { encodeButton } from './button-ids.js';
import { matchText } from './match-words.js';
import { rulePage, rulePagePath, rulePageUrl } from './rule-page.js';
import { docsUrlFor, messages, resolveLocale, ruleText, say, secretWords, type Locale, type Messages } from './messages.js';

export const discordLimits = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedTotal: 6000,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  rows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Fixed code longer than this goes as a file attachment instead of a code block. */
export const inlineCodeLimit = 1500;

export interface ReplyFile {
  name: string;
  data: Buffer;
  description?: string;
}

export interface AllowedMentions {
  parse: [];
  users?: string[];
}

export interface DiscordReply {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  files: ReplyFile[];
  allowedMentions: AllowedMentions;
  ephemeral: boolean;
}

const severityColour: Record<Rule['severity'], number> = { error: 0xe5534b, warning: 0xd29922, tip: 0x3b82f6 };

export function fenceLanguage(language: string | null | undefined): string {
  if (language === 'python') return 'py';
  if (language === 'javascript') return 'js';
  return '';
}

function fileExtension(language: string | null | undefined): string {
  return language === 'python' ? 'py' : language === 'javascript' ? 'js' : 'txt';
}

/**
 * Code shown inline, or null when it must go as a file: too long, or holding
 * a run of three backticks, which a code block can show only with an
 * invisible character inserted, so a copy would not be the user's exact code.
 */
function inlineOrFile(code: string): boolean {
  return code.length <= inlineCodeLimit && !hasFenceRun(code);
}

/**
 * What "Full explanation" opens: the rule's own page (docs/rules/, in the reader's language where the
 * rule is translated) where the server publishes them, else the first official documentation it cites.
 */
function docsUrl(rule: Rule, locale: Locale, rulePages: string | null | undefined): string | null {
  if (rulePages) return rulePageUrl(rulePages, rule.id, ruleText(rule, locale).locale);
  const url = rule.docs[0]?.url;
  return url ? docsUrlFor(url, locale) : null;
}

function buttonRow(buttons: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: 1, components: buttons.slice(0, discordLimits.buttonsPerRow) };
}

export interface RenderOptions {
  /** The case's public id, carried by its buttons (see ButtonAction). */
  caseKey: string;
  /** Who asked. No button carries it: who may press what is decided from the case the message answers. */
  askerId?: string;
  /** Visible to everyone (false → ephemeral). */
  public: boolean;
  /** Buttons Helpful / Wrong / Delete (off for ephemeral replies, where Delete makes no sense). */
  buttons?: boolean;
  /** The reader's language tag (Discord's `interaction.locale`, a guild's preferred locale); English when absent or untranslated. */
  locale?: string | null;
  /** Server FAQ entries whose triggers the paste also holds, named under the answer as "see also". */
  seeAlso?: readonly Pick<FaqEntry, 'name' | 'title'>[];
  /** Where docs/rules/ is published (AWAITBOT_RULE_PAGES_URL); absent → "Full explanation" opens the official docs. */
  rulePages?: string | null;
}

/** At or above this confidence the footer names the rule without a percentage. */
export const certainAt = 0.9;

/** The embed and buttons for the best match of a Diagnosis. Call only when `d.matches` is not empty. */
export function renderDiagnosis(d: Diagnosis, options: RenderOptions): DiscordReply {
  const best = d.matches[0];
  if (!best) return renderNoMatch();
  const rule = best.rule;
  const locale = resolveLocale(options.locale);
  const m = messages(locale);
  // The summary and context advice speak of the user's call, and fit where it sits.
  const words = matchText(best, locale);
  const files: ReplyFile[] = [];
  const parts: string[] = [words.summary];
  if (best.where?.source) {
    // The file name and line come from the paste: escaped, on one line.
    const at = best.where.file ? escapeInline(`${best.where.file}${best.where.line ? `:${best.where.line}` : ''}`, 200) : best.where.line ? m.lineN(best.where.line) : m.yourCode;
    parts.push(`**${m.yourLine}** (${at})\n${codeBlock(best.where.source, fenceLanguage(rule.language), 600)}`);
  }
  const finding = best.findings[0];
  // Detector messages quote the user's code in backtick spans.
  if (finding) parts.push(textWithCode(say(finding.message, locale), 500));
  for (const v of best.variants.slice(0, 2)) parts.push(`> ${truncateMarkdown(words.variant(v), 500)}`);
  if (best.fix) {
    const note = best.fix.note ? textWithCode(say(best.fix.note, locale), 300) : '';
    if (!inlineOrFile(best.fix.code)) {
      const name = `fix.${fileExtension(best.fix.language)}`;
      files.push({ name, data: Buffer.from(best.fix.code, 'utf8'), description: `${m.yourCodeFixed} (${rule.id})` });
      parts.push(`${m.fixedAttached(name)}${note ? ` ${note}` : ''}`);
    } else {
      parts.push(`**${m.fixed}**${note ? ` — ${note}` : ''}\n${codeBlock(best.fix.code, fenceLanguage(best.fix.language), inlineCodeLimit + 20)}`);
    }
  } else {
    const example = words.correctExample;
    if (example) parts.push(`**${m.correctExample}**\n${codeBlock(example, fenceLanguage(rule.language), 1200)}`);
  }
  const description = joinWithin(parts, discordLimits.embedDescription);
  const embed: APIEmbed = {
    title: truncatePlain(words.title, discordLimits.embedTitle),
    description,
    color: severityColour[rule.severity],
    // A match the paste shows plainly (its own error text, a clear finding) is stated, not hedged with a percentage.
    footer: { text: `${rule.id}${best.confidence < certainAt ? ` · ${m.sure(Math.round(best.confidence * 100))}` : ''}${best.likely ? ` · ${m.likely}` : ''}` },
  };
  const url = docsUrl(rule, locale, options.rulePages);
  if (url) embed.url = url;
  const others = d.matches.slice(1, 3);
  embed.fields = [];
  if (others.length) {
    embed.fields.push({
      name: m.alsoPossible,
      value: truncatePlain(others.map((o) => `\`${o.rule.id}\` ${ruleText(o.rule, locale).title}`).join('\n'), discordLimits.fieldValue),
    });
  }
  const seeAlso = (options.seeAlso ?? []).slice(0, 3);
  if (seeAlso.length) {
    // The titles are the server's words: escaped, so they never become links or mentions.
    embed.fields.push({ name: m.seeAlsoServerFaq, value: truncatePlain(seeAlso.map((e) => m.seeAlsoEntry(escapeInline(e.title, 200), e.name)).join('\n'), discordLimits.fieldValue) });
  }
  if (embed.fields.length === 0) delete embed.fields;
  const components: DiscordReply['components'] = [];
  const buttons: APIButtonComponent[] = [
    { type: 2, style: 1, label: m.showFix, custom_id: encodeButton({ kind: 'fix', caseKey: options.caseKey }) },
  ];
  if (options.buttons !== false) {
    buttons.push(
      { type: 2, style: 3, label: m.helpful, custom_id: encodeButton({ kind: 'vote', vote: 'helpful', caseKey: options.caseKey }) },
      { type: 2, style: 2, label: m.wrong, custom_id: encodeButton({ kind: 'vote', vote: 'wrong', caseKey: options.caseKey }) },
    );
    if (options.public) buttons.push({ type: 2, style: 4, label: m.delete, custom_id: encodeButton({ kind: 'delete', caseKey: options.caseKey }) });
  }
  // Published rule pages are linked; without them the button posts the page itself, so the whole text is
  // one press away on every deployment.
  if (options.rulePages) buttons.push({ type: 2, style: 5, label: m.fullExplanation, url: docsUrl(rule, locale, options.rulePages)! });
  else buttons.push({ type: 2, style: 2, label: m.fullExplanation, custom_id: encodeButton({ kind: 'full', caseKey: options.caseKey }) });
  components.push(buttonRow(buttons));
  const reply: DiscordReply = { embeds: [embed], components, files, allowedMentions: { parse: [] }, ephemeral: !options.public };
  if (d.paste.redactions.length > 0) {
    reply.content = secretWarning(d, m);
    reply.ephemeral = true;
    // Nothing public and no Delete button on an ephemeral reply.
    reply.components = [buttonRow(buttons.filter((b) => !('custom_id' in b) || !b.custom_id.startsWith('ab:del:')))];
  }
  return fitReply(reply);
}

function secretWarning(d: { paste: { redactions: readonly Redaction[] } }, m: Messages): string {
  const { what, how } = secretWords(d.paste.redactions.map((r) => r.kind), m);
  return m.secretWarning(what, how);
}

/**
 * A watched help channel's answer to a paste holding a secret. The paste is
 * public already and an unasked reply cannot be ephemeral, so the reply is
 * this notice alone: no code, no diagnosis, nothing quoted from the paste.
 */
export function renderWatchSecretNotice(d: Diagnosis, locale?: string | null): DiscordReply {
  const m = messages(resolveLocale(locale));
  const { what, how } = secretWords(d.paste.redactions.map((r) => r.kind), m);
  return fitReply({ content: m.watchSecretNotice(what, how), embeds: [], components: [], files: [], allowedMentions: { parse: [] }, ephemeral: false });
}

/** Joins paragraphs (each complete Markdown) with blank lines, dropping trailing ones that would not fit. */
function joinWithin(parts: string[], max: number): string {
  let out = '';
  for (const p of parts) {
    const next = out ? `${out}\n\n${p}` : p;
    if (next.length > max) {
      if (!out) out = truncateMarkdown(p, max);
      break;
    }
    out = next;
  }
  return out;
}

/** The short ephemeral "nothing known" answer, with the secret warning when needed. */
export function renderNoMatch(d?: Diagnosis, locale?: string | null): DiscordReply {
  const m = messages(resolveLocale(locale));
  let content = m.noMatch;
  if (d?.paste.binary) content = m.binaryPaste;
  else if (d && !d.paste.text.trim()) content = m.emptyPaste;
  if (d && d.paste.redactions.length) content = `${secretWarning(d, m)}\n\n${content}`;
  return fitReply({ content, embeds: [], components: [], files: [], allowedMentions: { parse: [] }, ephemeral: true });
}

/** The answer to `/faq` with a topic nobody knows; the topic, as typed, is shown escaped. */
export function renderUnknownTopic(topic: string, locale?: string | null): DiscordReply {
  return renderNotice(messages(resolveLocale(locale)).unknownTopic(escapeInline(topic, 100)));
}

/** A paste stopped as too complex to analyse (over the diagnosis budget), with the secret warning when it held one. */
export function renderTooComplex(redactions: readonly Redaction[], locale?: string | null): DiscordReply {
  const m = messages(resolveLocale(locale));
  const content = redactions.length ? `${secretWarning({ paste: { redactions } }, m)}\n\n${m.tooComplex}` : m.tooComplex;
  return fitReply({ content, embeds: [], components: [], files: [], allowedMentions: { parse: [] }, ephemeral: true });
}

/** A short ephemeral text answer (the bot's own words; user text must be escaped by the caller). */
export function renderNotice(content: string): DiscordReply {
  return fitReply({ content, embeds: [], components: [], files: [], allowedMentions: { parse: [] }, ephemeral: true });
}

/**
 * The "Show fix" answer: the rule's "How to fix" in the reader's locale and
 * the user's fix as a diff (when known) or the rule's corrected example.
 */
export function renderFixDetails(rule: Rule, match: Match | null, locale?: string | null, rulePages?: string | null): DiscordReply {
  const loc = resolveLocale(locale);
  const m = messages(loc);
  // With the match known, the fix speaks of the user's call and fits where it sits, like the answer above it.
  const words = match ? matchText(match, loc) : ruleText(rule, loc);
  const parts: string[] = [];
  const how = words.sections['How to fix'];
  if (how) parts.push(truncateMarkdown(unwrapMarkdown(how.trim()), 1500));
  const files: ReplyFile[] = [];
  if (match?.fix) {
    const diff = match.fix.diff || match.fix.code;
    if (!inlineOrFile(diff)) {
      files.push({ name: 'fix.diff', data: Buffer.from(diff, 'utf8'), description: m.theChange });
      parts.push(m.theChangeAttached('fix.diff'));
    } else parts.push(`**${m.theChange}**\n${codeBlock(diff, 'diff', inlineCodeLimit + 20)}`);
  } else if (!match) {
    // With its match known and no rewrite of the user's code, the answer already showed the rule's
    // corrected example: Show fix adds the fix section, not the same code again.
    const example = words.correctExample;
    if (example) parts.push(`**${m.correctExample}**\n${codeBlock(example, fenceLanguage(rule.language), 1500)}`);
  }
  const embed: APIEmbed = {
    title: truncatePlain(m.howToFixTitle(words.title), discordLimits.embedTitle),
    description: joinWithin(parts, discordLimits.embedDescription) || m.seeFullExplanation,
    color: severityColour[rule.severity],
    footer: { text: rule.id },
  };
  const url = docsUrl(rule, loc, rulePages);
  if (url) embed.url = url;
  return fitReply({ embeds: [embed], components: [], files, allowedMentions: { parse: [] }, ephemeral: true });
}

/**
 * "Full explanation" pressed where no published docs/rules/ is configured: the rule's own page, for the
 * presser only. The embed holds its prose (summary and every section, cut at Discord's limit); the whole
 * page, examples included, comes as a Markdown file, as `npm run docs` writes it.
 */
export function renderRulePageReply(rule: Rule, locale?: string | null): DiscordReply {
  const loc = resolveLocale(locale);
  const words = ruleText(rule, loc);
  const m = messages(loc);
  const page = m.rulePage;
  const sections: [string, string | undefined][] = [
    [page.whatHappened, words.sections['What happened']],
    [page.why, words.sections['Why']],
    [page.howToFix, words.sections['How to fix']],
    [page.byContext, words.sections['By context']],
  ];
  const parts = [words.summary.trim(), ...sections.filter(([, text]) => text?.trim()).map(([heading, text]) => `**${heading}**\n${unwrapMarkdown(text!.trim())}`)];
  const embed: APIEmbed = {
    title: truncatePlain(words.title, discordLimits.embedTitle),
    description: joinWithin(parts.map((p) => truncateMarkdown(p, 1500)), discordLimits.embedDescription),
    color: severityColour[rule.severity],
    footer: { text: rule.id },
  };
  const url = docsUrl(rule, loc, null);
  if (url) embed.url = url;
  const name = rulePagePath(rule.id.split('/')[1]!, words.locale);
  const files: ReplyFile[] = [{ name, data: Buffer.from(rulePage(rule, words.locale), 'utf8'), description: words.title }];
  return fitReply({ embeds: [embed], components: [], files, allowedMentions: { parse: [] }, ephemeral: true });
}

/**
 * A `/faq` answer for a rule, in the reader's locale where the rule is
 * translated. `targetUserId` is the only user who may be pinged.
 */
export function renderFaqRule(rule: Rule, targetUserId: string | null, locale?: string | null, rulePages?: string | null): DiscordReply {
  const loc = resolveLocale(locale);
  const m = messages(loc);
  const words = ruleText(rule, loc);
  const parts = [words.summary];
  const why = words.sections['Why'];
  // Discord shows every line break: the rule file's 80-column wrapping is joined back into paragraphs.
  if (why) parts.push(truncateMarkdown(unwrapMarkdown(why.trim()), 1200));
  const example = words.correctExample;
  if (example) parts.push(`**${m.doThisInstead}**\n${codeBlock(example, fenceLanguage(rule.language), 1500)}`);
  const embed: APIEmbed = {
    title: truncatePlain(words.title, discordLimits.embedTitle),
    description: joinWithin(parts, discordLimits.embedDescription),
    color: severityColour[rule.severity],
    footer: { text: rule.id },
  };
  const url = docsUrl(rule, loc, rulePages);
  if (url) embed.url = url;
  const components = url ? [buttonRow([{ type: 2, style: 5, label: m.fullExplanation, url }])] : [];
  return faqReply(embed, components, targetUserId, m);
}

/**
 * A `/faq` answer for one of the server's own FAQ entries (written by the
 * server, so in its own language). Its author's code blocks stay code; the
 * rest is shown as written, never as links, mentions or headings.
 */
export function renderFaqEntry(entry: FaqEntry, targetUserId: string | null, locale?: string | null): DiscordReply {
  const m = messages(resolveLocale(locale));
  return faqReply(faqEntryEmbed(entry, m.serverFaqFooter(entry.name)), [], targetUserId, m);
}

const serverFaqColour = 0x5865f2;

function faqEntryEmbed(entry: Pick<FaqEntry, 'title' | 'body'>, footer: string): APIEmbed {
  return {
    title: escapeInline(entry.title, discordLimits.embedTitle),
    description: escapeWithCode(entry.body, discordLimits.embedDescription) || escapeInline(entry.title, discordLimits.embedDescription),
    color: serverFaqColour,
    footer: { text: footer },
  };
}

export interface ServerFaqAnswerOptions {
  /** The case's public id, carried by its buttons (see ButtonAction). */
  caseKey: string;
  /** Visible to everyone (false → ephemeral, and no Delete button). */
  public: boolean;
  /** The trigger the paste held, named in the footer so moderators see why the entry answered. */
  trigger: string;
  locale?: string | null;
  /** Secrets intake found in the paste: the asker is warned, and the answer is shown to them only. */
  redactions?: readonly Redaction[];
}

/**
 * A paste answered by one of the server's own FAQ entries: the entry, marked
 * as coming from this server's FAQ, with the answer buttons (Helpful, Wrong,
 * Delete; no Show fix, which is a built-in rule's). It pings nobody: an
 * unasked answer has no /faq target.
 */
export function renderServerFaqAnswer(entry: Pick<FaqEntry, 'name' | 'title' | 'body'>, options: ServerFaqAnswerOptions): DiscordReply {
  const m = messages(resolveLocale(options.locale));
  const embed = faqEntryEmbed(entry, m.serverFaqMatchedFooter(entry.name, options.trigger.replace(/\s+/g, ' ').slice(0, 200)));
  embed.author = { name: m.fromServerFaq };
  const buttons: APIButtonComponent[] = [
    { type: 2, style: 3, label: m.helpful, custom_id: encodeButton({ kind: 'vote', vote: 'helpful', caseKey: options.caseKey }) },
    { type: 2, style: 2, label: m.wrong, custom_id: encodeButton({ kind: 'vote', vote: 'wrong', caseKey: options.caseKey }) },
  ];
  const redactions = options.redactions ?? [];
  const isPublic = options.public && redactions.length === 0;
  if (isPublic) buttons.push({ type: 2, style: 4, label: m.delete, custom_id: encodeButton({ kind: 'delete', caseKey: options.caseKey }) });
  const reply: DiscordReply = { embeds: [embed], components: [buttonRow(buttons)], files: [], allowedMentions: { parse: [] }, ephemeral: !isPublic };
  if (redactions.length) reply.content = secretWarning({ paste: { redactions } }, m);
  return fitReply(reply);
}

function faqReply(embed: APIEmbed, components: DiscordReply['components'], targetUserId: string | null, m: Messages): DiscordReply {
  const reply: DiscordReply = { embeds: [embed], components, files: [], allowedMentions: { parse: [] }, ephemeral: false };
  if (targetUserId && /^\d{1,20}$/.test(targetUserId)) {
    reply.content = m.mayHelp(`<@${targetUserId}>`);
    reply.allowedMentions = { parse: [], users: [targetUserId] };
  }
  return fitReply(reply);
}

function embedSize(e: APIEmbed): number {
  let n = (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0);
  for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** Last guard: whatever was built, cut it to Discord's limits (Markdown cut without leaving a code span or block open). */
export function fitReply(reply: DiscordReply): DiscordReply {
  if (reply.content !== undefined) reply.content = truncateMarkdown(reply.content, discordLimits.content);
  reply.embeds = reply.embeds.slice(0, 10);
  for (const e of reply.embeds) {
    if (e.title) e.title = truncateMarkdown(e.title, discordLimits.embedTitle);
    if (e.description) e.description = truncateMarkdown(e.description, discordLimits.embedDescription);
    if (e.footer) e.footer.text = truncatePlain(e.footer.text, discordLimits.footer);
    if (e.fields) {
      e.fields = e.fields.slice(0, discordLimits.fields).map((f) => ({
        ...f,
        name: truncateMarkdown(f.name || '\u200b', discordLimits.fieldName),
        value: truncateMarkdown(f.value || '\u200b', discordLimits.fieldValue),
      }));
    }
  }
  let total = reply.embeds.reduce((n, e) => n + embedSize(e), 0);
  for (let i = reply.embeds.length - 1; i >= 0 && total > discordLimits.embedTotal; i--) {
    const e = reply.embeds[i]!;
    const over = total - discordLimits.embedTotal;
    const desc = e.description ?? '';
    const cut = Math.min(over, desc.length);
    e.description = truncateMarkdown(desc, desc.length - cut) || undefined;
    total -= desc.length - (e.description?.length ?? 0);
    if (total > discordLimits.embedTotal) {
      delete e.fields;
      total = reply.embeds.reduce((n, x) => n + embedSize(x), 0);
    }
  }
  reply.components = reply.components.slice(0, discordLimits.rows).map((row) => ({
    ...row,
    components: row.components.slice(0, discordLimits.buttonsPerRow).map((b) => ({
      ...b,
      ...('label' in b && b.label ? { label: truncatePlain(b.label, discordLimits.buttonLabel) } : {}),
    })),
  }));
  return reply;
}

/** Autocomplete choice builder that respects the 100-character name/value limits. */
export function choice(name: string, value: string): { name: string; value: string } {
  return { name: truncatePlain(name, discordLimits.choiceName), value: value.slice(0, discordLimits.choiceValue) };
}
