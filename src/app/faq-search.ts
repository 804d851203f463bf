/**
 * /faq topics: rule ids, titles, aliases, keywords and the server's own FAQ
 * entries. Ranked: exact, then prefix, then keyword, then content. Pinned
 * rules first when nothing is typed. At most 25 (Discord's limit).
 */
import type { Rule } from '../knowledge/schema.js';
import type { FaqEntry } from './types.js';

export type Topic = { kind: 'rule'; rule: Rule } | { kind: 'faq'; entry: FaqEntry };

function ruleChoiceName(rule: Rule): string {
  return `${rule.title} (${rule.id})`;
}

export interface Scored {
  topic: Topic;
  score: number;
  name: string;
  value: string;
}

export function searchTopics(query: string, rules: Rule[], entries: FaqEntry[], limit = 25): Scored[] {
  const q = query.trim().toLowerCase();
  const out: Scored[] = [];
  if (!q) {
    const pinned = rules.filter((r) => r.pinned);
    const rest = rules.filter((r) => !r.pinned).sort((a, b) => a.id.localeCompare(b.id));
    for (const r of pinned) out.push({ topic: { kind: 'rule', rule: r }, score: 0, name: ruleChoiceName(r), value: r.id });
    for (const e of [...entries].sort((a, b) => b.uses - a.uses)) out.push({ topic: { kind: 'faq', entry: e }, score: 1, name: `${e.title} (server FAQ)`, value: e.name });
    for (const r of rest) out.push({ topic: { kind: 'rule', rule: r }, score: 2, name: ruleChoiceName(r), value: r.id });
    return out.slice(0, limit);
  }
  for (const r of rules) {
    const id = r.id.toLowerCase();
    const slug = id.split('/')[1] ?? id;
    const title = r.title.toLowerCase();
    let score = -1;
    if (id === q || slug === q || r.aliases.includes(q)) score = 0;
    else if (id.startsWith(q) || slug.startsWith(q) || title.startsWith(q) || r.aliases.some((a) => a.startsWith(q))) score = 1;
    else if (r.keywords.some((k) => k.toLowerCase().includes(q))) score = 2;
    else if (title.includes(q) || id.includes(q)) score = 2.5;
    else if (r.summary.toLowerCase().includes(q)) score = 3;
    if (score >= 0) out.push({ topic: { kind: 'rule', rule: r }, score, name: ruleChoiceName(r), value: r.id });
  }
  for (const e of entries) {
    const name = e.name.toLowerCase();
    const title = e.title.toLowerCase();
    let score = -1;
    if (name === q) score = 0;
    else if (name.startsWith(q) || title.startsWith(q)) score = 1;
    else if (title.includes(q) || name.includes(q)) score = 2.5;
    else if (e.body.toLowerCase().includes(q)) score = 3;
    if (score >= 0) out.push({ topic: { kind: 'faq', entry: e }, score, name: `${e.title} (server FAQ)`, value: e.name });
  }
  out.sort((a, b) => a.score - b.score || (b.topic.kind === 'rule' && b.topic.rule.pinned ? 1 : 0) - (a.topic.kind === 'rule' && a.topic.rule.pinned ? 1 : 0) || a.value.localeCompare(b.value));
  return out.slice(0, limit);
}

/** The topic a submitted `/faq topic:` value means: exact id/alias/entry name first, else the best search hit. */
export function resolveTopic(value: string, rules: Rule[], ruleById: Map<string, Rule>, entries: FaqEntry[]): Topic | null {
  const v = value.trim().toLowerCase();
  if (!v) return null;
  const rule = ruleById.get(v);
  if (rule) return { kind: 'rule', rule };
  const entry = entries.find((e) => e.name === v);
  if (entry) return { kind: 'faq', entry };
  return searchTopics(v, rules, entries, 1)[0]?.topic ?? null;
}
