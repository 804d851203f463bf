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

/**
 * What is wrong with one field of an entry, as data: `render/` says it in the
 * reader's language (the /faq-admin form's moderator, the CLI's terminal).
 */
export type EntryProblem =
  /** `limit`: the bound the trigger broke (characters, or the chat share in per cent), 0 when none applies. */
  | { kind: 'trigger'; trigger: string; problem: TriggerProblem; limit: number }
  | { kind: 'too-long'; max: number }
  | { kind: 'empty' }
  | { kind: 'name-shape' }
  | { kind: 'too-many-triggers'; max: number }
  | { kind: 'unknown-fields'; keys: string[] }
  | { kind: 'one-of'; options: readonly string[] }
  | { kind: 'wrong-type'; expected: string }
  // A file's shape (`awaitbot faq import`).
  | { kind: 'no-front-matter' }
  | { kind: 'unclosed-front-matter' }
  | { kind: 'bad-yaml'; detail: string }
  | { kind: 'not-a-mapping' }
  | { kind: 'body-in-front-matter' }
  | { kind: 'name-not-file-name'; name: string }
  | { kind: 'duplicate-name'; name: string; firstFile: string }
  | { kind: 'builtin-name'; name: string };

const triggerLimitOf: Record<TriggerProblem, number> = {
  empty: 0,
  'too-short': triggerLimits.minChars,
  'too-long': triggerLimits.maxChars,
  'too-common': Math.round(triggerLimits.maxChatShare * 100),
  'chat-words': 0,
};

/** Why `trigger` cannot be stored, or null when it can. */
export function triggerProblem(trigger: string): TriggerProblem | null {
  const verdict = checkTrigger(trigger);
  return verdict.ok ? null : verdict.problem;
}

export const faqEntrySchema = z
  .object({
    // No messages here: `problemOf` turns each issue into an EntryProblem for render/ to word.
    name: z.string().max(faqLimits.name).regex(faqNamePattern),
    title: z.string().trim().min(1).max(faqLimits.title),
    triggers: z
      .array(
        z.string().superRefine((t, ctx) => {
          const problem = triggerProblem(t);
          if (problem) ctx.addIssue({ code: 'custom', message: problem, params: { trigger: t.trim().slice(0, 60), problem, limit: triggerLimitOf[problem] } });
        }),
      )
      .max(faqLimits.triggers)
      .default([])
      .transform((ts) => [...new Set(ts.map((t) => t.trim()))]),
    language: z.enum(faqLanguages).nullish().transform((l) => l ?? null),
    body: z.string().trim().min(1).max(faqLimits.body),
  })
  .strict();

/** A valid entry's content (what a moderator controls; the store adds the server, author, uses and times). */
export type FaqEntryContent = z.output<typeof faqEntrySchema>;

export interface FieldProblem {
  /** `name`, `title`, `triggers.2`, `language`, `body`, or `front matter` for the file's shape. */
  field: string;
  problem: EntryProblem;
}

/** One schema issue as an EntryProblem. */
function problemOf(issue: z.core.$ZodIssue): EntryProblem {
  switch (issue.code) {
    case 'custom':
      return { kind: 'trigger', trigger: String(issue.params?.trigger ?? ''), problem: issue.params?.problem as TriggerProblem, limit: Number(issue.params?.limit ?? 0) };
    case 'too_big':
      return issue.origin === 'array' ? { kind: 'too-many-triggers', max: Number(issue.maximum) } : { kind: 'too-long', max: Number(issue.maximum) };
    case 'too_small':
      return { kind: 'empty' };
    case 'invalid_format':
      return { kind: 'name-shape' };
    case 'unrecognized_keys':
      return { kind: 'unknown-fields', keys: issue.keys };
    case 'invalid_value':
      return { kind: 'one-of', options: issue.values.map(String) };
    case 'invalid_type':
      return { kind: 'wrong-type', expected: issue.expected };
    default:
      return { kind: 'wrong-type', expected: '?' };
  }
}

/** Checks `input` against the schema; every problem, each with its field. */
export function validateFaqEntry(input: unknown): { ok: true; entry: FaqEntryContent } | { ok: false; problems: FieldProblem[] } {
  const parsed = faqEntrySchema.safeParse(input);
  if (parsed.success) return { ok: true, entry: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : 'front matter',
      problem: problemOf(issue),
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
