/**
 * The shape of a rule file in `knowledge/`: YAML front matter (validated here)
 * plus a Markdown body whose fenced examples are labelled `incorrect`,
 * `correct` or `evidence`. Moderators edit these files; a mistake must fail
 * loudly with the file name and the field.
 */
import { z } from 'zod';

const text = z.string().trim().min(1);

/** A matcher on text: case-insensitive substring `message`, or a `pattern` regex (JS syntax, case-insensitive). */
const textTest = {
  message: text.optional(),
  pattern: text.optional(),
};

export const errorMatcher = z
  .object({
    /** Exception class; compared on the last dotted segment too (`asyncio.exceptions.TimeoutError` ~ `TimeoutError`). */
    type: text.optional(),
    ...textTest,
    /** Substring that must appear in some frame's function, file or source line. */
    frame: text.optional(),
    /** Substring the source line of the error's last frame (the line that raised it, as the traceback shows) must hold. */
    raisedAt: text.optional(),
    /**
     * Only for a traceback cut before its error line (the message is unknown): `frame` must then be
     * in the last frame, the call that raised.
     */
    cut: z.boolean().optional(),
    /** A pattern (case-insensitive) that, found anywhere in the paste, keeps the matcher from counting: the paste names another cause. */
    unless: text.optional(),
    confidence: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((m) => m.type || m.message || m.pattern, { message: 'an error matcher needs type, message or pattern' })
  .refine((m) => !m.cut || (m.type && m.frame), { message: 'a cut error matcher needs type and frame' });

export const warningMatcher = z
  .object({
    category: text.optional(),
    ...textTest,
    confidence: z.number().min(0).max(1).optional(),
  })
  .strict()
  .refine((m) => m.category || m.message || m.pattern, { message: 'a warning matcher needs category, message or pattern' });

export const lineMatcher = z
  .object({
    ...textTest,
    confidence: z.number().min(0).max(1).optional(),
    /** The line is often printed as a side effect of another crash: it counts only when the paste shows no other error. */
    secondary: z.boolean().optional(),
  })
  .strict()
  .refine((m) => m.message || m.pattern, { message: 'a line matcher needs message or pattern' });

export const matcherSchema = z.union([
  z.object({ error: errorMatcher }).strict(),
  z.object({ warning: warningMatcher }).strict(),
  z.object({ line: lineMatcher }).strict(),
  z
    .object({
      ts: z.number().int().positive(),
      /** The diagnostic's text, for pastes that quote it without `error TSnnnn:`; filled from TypeScript's own message table when omitted. */
      message: text.optional(),
      confidence: z.number().min(0).max(1).optional(),
    })
    .strict(),
  z.object({ discord: z.number().int().positive(), confidence: z.number().min(0).max(1).optional() }).strict(),
  z.object({ finding: text, confidence: z.number().min(0).max(1).optional() }).strict(),
]);

export const contextKeys = [
  'jupyter',
  'fastapi',
  'django',
  'flask',
  'discordPy',
  'aiohttp',
  'discordJs',
  'windows',
] as const;

/**
 * What a prose question can say about its own situation, by name: a rule's `prose.statedOtherwise` names
 * the statement that rules it out. Each name is a pattern in src/match/prose.ts (`statements`), shared by
 * the rules it rules out, so one wording is kept in one place.
 */
export const questionStatements = [
  /** "missing await", "forgot the await", "not awaited". */
  'await-missing',
  /** `async with`, `__aenter__`, an (async) context manager. */
  'async-with',
  /** `async for`, `__aiter__`, an (async) iterator, iterable or generator. */
  'async-for',
  /** "is not a promise", "doesn't return a promise". */
  'not-a-promise',
  /** An await put where no async function is: "await without async", "await in a non-async function", "top-level await". */
  'await-outside-async',
  /** A function passed where its call was wanted: "a generator function instead of a generator", "pass the function itself". */
  'function-not-its-call',
  /** A task kept by no one: "no reference to the task", "keep a strong reference", "fire and forget". */
  'no-reference-kept',
  /** A promise or coroutine got where its value was wanted: "prints Promise { <pending> }", "returns a promise instead of the data". */
  'promise-as-value',
  /** An await on what cannot be awaited: "is not a coroutine", "does not need to be awaited", "await on a sync method". */
  'await-not-needed',
  /** An interaction already deferred or replied to. */
  'deferred-or-replied',
  /** An interaction not deferred or replied to yet. */
  'not-yet-answered',
  /** Jupyter, IPython, Spyder or Colab: a host that runs its own event loop. */
  'runs-its-own-loop',
  /** Another thread: a worker, background or new thread, `threading`, an executor. */
  'another-thread',
  /** An API added in, or needing, a Python version ("added in Python 3.11", "asyncio has no attribute"). */
  'version-of-api',
  /** A call said to block the event loop or the main thread: "readFileSync blocks the event loop", "阻塞事件循环". */
  'blocks-the-loop',
  /** An async callback or await put in a forEach: "async/await within a forEach() loop", "forEach with async", "forEach 中用 await". */
  'async-in-foreach',
  /** A context manager used the wrong way: "use `async with` instead of a plain `with`", "unnecessary 'async with'", "does not support the async context manager protocol", `__aenter__`. */
  'async-with-misused',
  /** An exception said to be left unretrieved: "the error stays unretrieved on that task", "exception was never retrieved". */
  'exception-unretrieved',
  /** A test said to lack its callback parameter: "missing the callback parameter", "doesn't include a callback argument". */
  'no-done-callback',
  /** A value said to be returned that is not a promise: "returning null from useEffect", "You returned: 18". */
  'returns-non-promise',
] as const;
export type QuestionStatement = (typeof questionStatements)[number];

/**
 * How a question asked in prose (no error, no code) is matched to this rule beyond its words (`asked`,
 * `keywords`…). Patterns are JavaScript regexes, case-insensitive, tested on the whole question.
 */
export const proseHints = z
  .object({
    /** The same mistake in the other language: a question naming neither language that fits both about equally gets no answer. Both rules name each other. */
    twin: text.optional(),
    /** The tool or context this rule is about: a question that does not name it is never answered with this rule (the next rule may be). */
    context: text.optional(),
    /** The names of the one tool the rule is about, narrower than `context`: a question naming it is about async code, whatever its other words. */
    tool: text.optional(),
    /** A context where this mistake cannot happen: a question naming it is answered by no rule (unlike `context`, the rule does not step aside). */
    notContext: text.optional(),
    /** What the question says of itself that rules this mistake out (`says`, unless it `alsoSays` the other): the rule steps aside and is no rival either. */
    statedOtherwise: z.object({ says: z.enum(questionStatements), unlessAlsoSays: z.enum(questionStatements).optional() }).strict().optional(),
    /**
     * What a question says when it names this very mistake in so many words ("Fix an unawaited coroutine", "missing
     * await for `send_output()`"): such a question needs fewer words in common with the rule, since a title that
     * short scores under the usual minimum with every right word. It still needs a clear lead over the other rules.
     */
    statedMistake: z.enum(questionStatements).optional(),
    /**
     * The rule's remedy (`pattern`) and the signs of its mistake (`mistake`): a question that already uses the
     * remedy and shows no sign of the mistake asks about something else, and gets no answer.
     */
    remedy: z.object({ pattern: text, mistake: text }).strict().optional(),
    /**
     * Words that name what the rule is about, not its mistake ("async context manager", "sleep"): a question that shares
     * only these with the rule, besides the words of any scene or topic, and does not state the mistake, mentions the
     * subject and describes nothing going wrong. It gets no answer.
     */
    subject: text.optional(),
    /**
     * The signs of this rule's mistake in any words (something blocking or frozen, a test not run, an error lost in a
     * task): a question that shows none of them is never answered with this rule, and the next rule may be. Unlike
     * `context` it names no tool, so the rule does not take the place of a general rule that fits the question better.
     */
    mistake: text.optional(),
  })
  .strict();
export type ProseHints = z.infer<typeof proseHints>;

/** Locales a rule file may carry translations for (Discord's locale names). */
export const ruleLocales = ['zh-CN'] as const;
export type RuleLocale = (typeof ruleLocales)[number];

/**
 * One locale's translation of everything a reader sees of a rule: the front
 * matter's title and summary, each body section (`happened` = "What happened",
 * `why`, `fix` = the whole "How to fix", `context` = "By context"), the
 * context variants (same `when`s, same order as the English ones) and the
 * comments inside the examples (English comment text → translated text).
 * Section fields are Markdown, written like the English sections. All of it
 * or none: a translation the loader cannot complete would show a reader half
 * of a rule in each language.
 */
export const ruleTranslation = z
  .object({
    title: text.max(120),
    summary: text.max(600),
    summaryInLoop: text.max(600).optional(),
    happened: text,
    why: text,
    fix: text.max(4000),
    context: text.optional(),
    variants: z.array(z.object({ when: z.enum(contextKeys), say: text.max(500) }).strict()).default([]),
    comments: z.record(text, text).default({}),
  })
  .strict();

export const frontMatterSchema = z
  .object({
    id: z.string().regex(/^(py|js)\/[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be py/slug or js/slug, lower-case'),
    title: text.max(120),
    language: z.enum(['python', 'javascript']),
    severity: z.enum(['error', 'warning', 'tip']),
    status: z.enum(['stable', 'preview', 'deprecated']).default('stable'),
    /** Two or three sentences, plain words: what went wrong and the fix. Shown in the reply. */
    summary: text.max(600),
    /**
     * The summary for a mistake that sits where an event loop already runs (an `async def`, a discord.py
     * handler, a notebook cell): the plain summary's advice to start a loop (`asyncio.run(…)`) would be wrong there.
     */
    summaryInLoop: text.max(600).optional(),
    /**
     * Example names the rule's text uses that stand for a name in the user's code: the name as the rule
     * writes it → the field of the snippet finding's `data` holding the user's (`fetch_data: callee`).
     * A reply about a finding speaks of the user's call, not the stock example.
     */
    names: z.record(z.string().regex(/^[A-Za-z_]\w*$/, 'a name the rule text uses, such as fetch_data'), z.string().regex(/^[A-Za-z]\w*$/, 'a finding data field, such as callee')).default({}),
    /** Literal error strings people paste; feeds /faq autocomplete. */
    keywords: z.array(text).default([]),
    /** How people describe this mistake in their own words (any language): ranked retrieval for prose questions reads them. */
    asked: z.array(text).default([]),
    aliases: z.array(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'aliases are lower-case-with-dashes')).default([]),
    /** How a question asked in prose is matched to this rule beyond its words (see `proseHints`). */
    prose: proseHints.default({}),
    /** A rule that this one refines: when both match, this one wins and the parent is dropped. */
    specializes: z.string().optional(),
    match: z.array(matcherSchema).min(1),
    /** Fixer id from src/fix (rewrites the user's own code); omit when none applies. */
    fixer: text.optional(),
    /** Short context-specific advice shown when the paste shows that context. */
    variants: z
      .array(z.object({ when: z.enum(contextKeys), say: text.max(500) }).strict())
      .default([]),
    docs: z.array(z.object({ title: text, url: z.string().url() }).strict()).min(1),
    pinned: z.boolean().default(false),
    /** Translations by locale (`zh-CN:`); a reply in a locale without one stays in English. */
    i18n: z.object({ 'zh-CN': ruleTranslation.optional() }).strict().optional(),
  })
  .strict();

export type FrontMatter = z.infer<typeof frontMatterSchema>;
export type Matcher = z.infer<typeof matcherSchema>;
export type RuleTranslation = z.infer<typeof ruleTranslation>;

export type ExampleKind = 'incorrect' | 'correct' | 'evidence';

export interface RuleExample {
  kind: ExampleKind;
  /** Fence language: python, py, javascript, js, typescript, ts, text, pytb… */
  fenceLanguage: string;
  code: string;
  /** 1-based line of the fence in the rule file, for error messages. */
  line: number;
}

/** The body sections every rule has, in this order. */
export const requiredSections = ['What happened', 'Why', 'How to fix', 'Examples'] as const;
/** Optional sections, allowed between "How to fix" and "Examples". */
export const optionalSections = ['By context'] as const;

export interface Rule extends FrontMatter {
  /** Path relative to the knowledge directory, e.g. `py/coroutine-never-awaited.md`. */
  file: string;
  /** Markdown body as written. */
  body: string;
  /** Body sections by heading. */
  sections: Record<string, string>;
  examples: RuleExample[];
}

/** The rule's own corrected example (its first `correct` block), shown when no fix of the user's code applies. */
export function correctExample(rule: Pick<Rule, 'examples'>): string | null {
  return rule.examples.find((e) => e.kind === 'correct')?.code ?? null;
}

/** A comment in example code: `# text` (Python) or `// text` (JavaScript), at a line's start or after code. */
const commentPattern = /(?:^|\s)(?:#|\/\/) (.+)$/;

/**
 * The comments written in a rule's examples (not in `evidence` blocks, which
 * quote what a program printed): prose a reader sees, so translated with the rule.
 */
export function exampleComments(rule: Pick<Rule, 'examples' | 'language'>): string[] {
  const out = new Set<string>();
  const marker = rule.language === 'python' ? '#' : '//';
  for (const e of rule.examples) {
    if (e.kind === 'evidence') continue;
    for (const line of e.code.split('\n')) {
      const m = commentPattern.exec(line);
      if (m && line.includes(`${marker} ${m[1]}`)) out.add(m[1]!.trim());
    }
  }
  return [...out];
}

