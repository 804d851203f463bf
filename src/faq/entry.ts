/**
 * A server FAQ entry as moderators write it, wherever it comes from (the
 * /faq-admin form, a Markdown file, a reviewed case): one zod schema, so the
 * form, `awaitbot faq import` and the store agree on what is valid.
 *
 * Limits are Discord's: the title and answer must fit the /faq-admin form's
 * text inputs (100 and 4,000 characters, within an embed's 256-character title
 * and 4,096-character description), and a name is a /faq choice value.
 */
import { z } from 'zod';
import type { Rule } from '../knowledge/schema.js';
import { checkTrigger, triggerLimits, type TriggerProblem } from './triggers.js';

export const faqLimits = {
  name: 40,
  title: 100,
  body: 4000,
  triggers: triggerLimits.perEntry,
} as const;

/** A /faq topic name: lower-case words joined by dashes. */
export const faqNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const faqLanguages = ['python', 'javascript'] as const;
export type FaqLanguage = (typeof faqLanguages)[number];

const triggerProblemWords: Record<TriggerProblem, string> = {
  empty: 'is empty',
  'too-short': `is shorter than ${triggerLimits.minChars} characters`,
  'too-long': `is longer than ${triggerLimits.maxChars} characters`,
  'too-common': `appears in more than ${Math.round(triggerLimits.maxChatShare * 100)} % of ordinary chat messages`,
  'chat-words': 'is made only of everyday chat words; use the specific part of the error (a class name, module or code)',
};

/** Why `trigger` cannot be stored, in words, or null when it can. */
export function triggerProblem(trigger: string): string | null {
  const verdict = checkTrigger(trigger);
  return verdict.ok ? null : triggerProblemWords[verdict.problem];
}

export const faqEntrySchema = z
  .object({
    name: z
      .string()
      .max(faqLimits.name, `must be at most ${faqLimits.name} characters`)
      .regex(faqNamePattern, 'must be lower-case words joined by dashes (for example bot-token-leaked)'),
    title: z.string().trim().min(1, 'must not be empty').max(faqLimits.title, `must be at most ${faqLimits.title} characters`),
    triggers: z
      .array(
        z.string().superRefine((t, ctx) => {
          const problem = triggerProblem(t);
          if (problem) ctx.addIssue({ code: 'custom', message: `"${t.trim().slice(0, 60)}" ${problem}` });
        }),
      )
      .max(faqLimits.triggers, `at most ${faqLimits.triggers} triggers`)
      .default([])
      .transform((ts) => [...new Set(ts.map((t) => t.trim()))]),
    language: z.enum(faqLanguages).nullish().transform((l) => l ?? null),
    body: z.string().trim().min(1, 'must not be empty').max(faqLimits.body, `must be at most ${faqLimits.body} characters`),
  })
  .strict();

/** A valid entry's content (what a moderator controls; the store adds the server, author, uses and times). */
export type FaqEntryContent = z.output<typeof faqEntrySchema>;

export interface FieldProblem {
  /** `name`, `title`, `triggers.2`, `language`, `body`, or `front matter` for the file's shape. */
  field: string;
  message: string;
}

/** Checks `input` against the schema; every problem, each with its field. */
export function validateFaqEntry(input: unknown): { ok: true; entry: FaqEntryContent } | { ok: false; problems: FieldProblem[] } {
  const parsed = faqEntrySchema.safeParse(input);
  if (parsed.success) return { ok: true, entry: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : 'front matter',
      message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    })),
  };
}

/**
 * Names a server entry may not take: a built-in rule's id, alias or slug
 * (`/faq topic:` would show the rule, never the entry).
 */
export function builtinTopicNames(rules: readonly Pick<Rule, 'id' | 'aliases'>[]): Set<string> {
  const names = new Set<string>();
  for (const r of rules) {
    names.add(r.id);
    names.add(r.id.split('/')[1] ?? r.id);
    for (const a of r.aliases) names.add(a);
  }
  return names;
}
