/**
 * Questions asked in prose ("my forEach with async doesn't wait", "机器人 sleep 的时候卡住"): no
 * error text, no code that shows the mistake. Ranked retrieval (BM25, minisearch) over each rule's
 * title, summary, keywords, aliases and `asked` phrases, in English and Chinese, names the rule the
 * question describes. Such an answer is only ever "likely": it stays below the confidence at which
 * help-channel watching answers unasked.
 */
import MiniSearch from 'minisearch';
import type { Evidence } from '../evidence/types.js';
import type { Paste } from '../intake/types.js';
import type { Rule } from '../knowledge/schema.js';

/** Confidence of a prose answer: presented (≥ 0.5), never confident enough to be posted unasked (0.8). */
export const proseConfidence = { min: 0.55, max: 0.7 } as const;

const stopWords = new Set(
  'a an and are as at be but by can do does for from get got have how i if in into is it its me my of on or so that the then this to was we what when which why with you your'.split(' '),
);
const han = /\p{Script=Han}/u;

/**
 * Latin words as they are (`asyncio.run` → `asyncio`, `run`), Chinese runs as overlapping pairs of
 * characters: Chinese has no spaces, and two-character words carry most of its meaning.
 */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []) {
    if (!han.test(run)) {
      if (!stopWords.has(run) && run.length > 1) out.push(run);
      continue;
    }
    // Split mixed runs (`forEach中`) into Latin words and Han pairs.
    for (const part of run.match(/\p{Script=Han}+|[^\p{Script=Han}]+/gu) ?? []) {
      if (!han.test(part)) {
        if (!stopWords.has(part) && part.length > 1) out.push(part);
      } else if (part.length === 1) out.push(part);
      else for (let i = 0; i + 1 < part.length; i++) out.push(part.slice(i, i + 2));
    }
  }
  return out;
}

interface RuleDoc {
  id: string;
  title: string;
  summary: string;
  keywords: string;
  asked: string;
}

export interface ProseMatcher {
  /** Every rule by relevance to the text (for calibration and tests). */
  rank(text: string): { id: string; score: number }[];
  /** The rule a prose question describes, with a "likely" confidence; null when the question is not clearly about one. */
  match(paste: Paste, evidence: Evidence): { rule: Rule; confidence: number; reason: string } | null;
}

/**
 * Program output rather than a person's words: a stack frame, a traceback header, a log level or an
 * `XError:`-style line. A question that quotes output is answered from the output or not at all.
 */
const outputLine = [
  /^\s*(?:at\s|File "|Traceback|npm ERR!|\[?\d{4}-\d\d-\d\d[ T])|\b(?:ERROR|WARN(?:ING)?|INFO|DEBUG|CRITICAL)\b[:\s]|\b[A-Z]\w*(?:Error|Exception|Failure|Warning|Forbidden|NotFound)\b|\w+\.\w+:\d+|\bTS\d{4}\b/,
  /\b(?:error|exception|crash|failure)\s?:/i,
];

/** Words that say which language a question is about; a question naming only one side is matched against that side's rules. */
const languageWords: Record<'python' | 'javascript', RegExp> = {
  python: /\b(?:python|asyncio|coroutines?|def|pytest|django|fastapi|flask|aiohttp|httpx|discord\.py|pycord|jupyter|notebook|ipython|sqlalchemy|uvicorn|trio|gather|run_until_complete|event loop)\b|协程|事件循环/i,
  javascript: /\b(?:javascript|js|node(?:\.?js)?|promises?|then|foreach|typescript|tsx?|react|useeffect|express|jest|mocha|discord\.js|npm|mongoose|prisma|axios|fetch|deno|bun|interaction|deferreply)\b|\.then\(/i,
};

/** The language a question is about, when it names only one. */
export function questionLanguage(text: string): 'python' | 'javascript' | null {
  const py = languageWords.python.test(text);
  const js = languageWords.javascript.test(text);
  return py === js ? null : py ? 'python' : 'javascript';
}

/** A question about async code uses some of these words; one without them (a CORS message, chat) is not ours to answer. */
const asyncVocabulary =
  /\b(?:async\w*|await\w*|promises?|coroutines?|asyncio|event ?loops?|loop|tasks?|futures?|then|callbacks?|concurren\w*|parallel\w*|sequential\w*|one (?:by|after) one|threads?|freez\w*|hang\w*|stuck|sleep\w*|blocking|deferreply|interaction|useeffect|greenlet|sync_to_async)\b|异步|协程|等待|事件循环|阻塞|并发|卡住|卡死/i;

/** Is this paste a question in words? Evidence of any kind (errors, warnings, code findings) or program output means it is not. */
export function isProse(paste: Paste, evidence: Evidence): boolean {
  if (evidence.errors.length || evidence.warnings.length || evidence.tsDiagnostics.length || evidence.discordApiErrors.length || evidence.findings.length) return false;
  if (paste.lines.some((l) => outputLine.some((re) => re.test(l)))) return false;
  // Code of more than a line or two: the answer comes from the code, or there is none.
  if (paste.blocks.some((b) => b.kind === 'code' && b.text.split('\n').filter((l) => l.trim()).length > 2)) return false;
  if (!asyncVocabulary.test(paste.text)) return false;
  // Addressed to someone (`@newbie …`, `<@123>`): a helper's answer, not a question.
  if (/^\s*(?:@\w|<@!?\d)/.test(paste.text)) return false;
  const words = paste.text.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0;
  const hanChars = paste.text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return words >= 4 || hanChars >= 6;
}

export function createProseMatcher(rules: readonly Rule[]): ProseMatcher {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const index = new MiniSearch<RuleDoc>({
    fields: ['title', 'summary', 'keywords', 'asked'],
    storeFields: ['id'],
    tokenize,
    processTerm: (t) => t,
    searchOptions: { boost: { title: 2, keywords: 2, asked: 2.5, summary: 1 }, prefix: false, fuzzy: false, combineWith: 'OR' },
  });
  index.addAll(
    rules
      .filter((r) => r.status !== 'deprecated')
      .map((r) => {
        const zh = r.i18n?.['zh-CN'];
        return {
          id: r.id,
          title: [r.title, zh?.title ?? ''].join(' '),
          summary: [r.summary, zh?.summary ?? ''].join(' '),
          keywords: [...r.keywords, ...r.aliases.map((a) => a.replace(/-/g, ' '))].join(' '),
          asked: r.asked.join(' '),
        };
      }),
  );
  const rank = (text: string) => {
    const language = questionLanguage(text);
    return index
      .search(text.slice(0, 4000))
      .filter((h) => !language || byId.get(h.id as string)?.language === language)
      .map((h) => ({ id: h.id as string, score: h.score, terms: h.terms }));
  };
  return {
    rank,
    match(paste, evidence) {
      if (!isProse(paste, evidence)) return null;
      const hits = rank(paste.text);
      const [best, second] = hits;
      if (!best) return null;
      // A clear winner only: a question that fits two rules about equally is not answered.
      const lead = second ? best.score / second.score : Infinity;
      if (best.score < minScore || lead < minLead) return null;
      const rule = byId.get(best.id);
      if (!rule) return null;
      const strength = Math.min(1, (best.score - minScore) / minScore);
      const confidence = Math.round((proseConfidence.min + (proseConfidence.max - proseConfidence.min) * strength) * 100) / 100;
      return { rule, confidence, reason: `described in words: ${best.terms.slice(0, 6).join(', ')}` };
    },
  };
}

/** Calibrated on the working part of the real-paste corpus (npm run eval): questions vs. ordinary chat. */
const minScore = 6;
const minLead = 1.25;
