/**
 * The contract between the pipeline and the snippet analysers
 * (`src/evidence/python/snippet`, `src/evidence/javascript/snippet`).
 */
import type { Language, SkipReason, SnippetFinding } from './types.js';

/** What the rest of the paste tells an analyser (from tracebacks and warnings). */
export interface SnippetHints {
  /** Names Python reported as `coroutine 'X' was never awaited` (last dotted part, e.g. `fetch_data`). */
  coroutineNames: string[];
  /** 1-based lines the traceback points at, when the traceback's file is this snippet. */
  lines: number[];
  /** The paste shows a Jupyter / IPython session: top-level `await` is allowed there. */
  notebook: boolean;
  /**
   * The paste's own error says top-level `await` was refused (`SyntaxError: 'await' outside function`,
   * a linter's "await should be used within an async function"): the code is a script, not a piece
   * cut out of a function.
   */
  topLevelAwaitRefused?: boolean;
  /**
   * The paste says a JavaScript engine or bundler refused an `await` (Node's "await is only valid in
   * async functions", Babel's "await is a reserved word"): an `await` outside any function is that
   * mistake even in a file with `import` lines (Metro, Babel and older bundlers refuse top-level `await`).
   */
  jsAwaitRefused?: boolean;
  /**
   * The paste's Python code uses a standard module by name (`sys.platform`) that none of its lines
   * imports: the imports shown are a selection, and one missing from them may be above the cut.
   */
  importsShownInPart?: boolean;
  /** Python version the paste shows (`3.8`), when it does: some mistakes depend on it. */
  pythonVersion?: string | null;
  /**
   * Callees the paste's other code blocks of this language show to be async (`async def fetch`,
   * `async function load`, `api.get().then(…)`): people paste the definition in one block and the
   * call in another, and the call is only wrong because of the definition.
   */
  siblingAsync?: readonly string[];
  /**
   * Plain functions the paste's other code blocks define to start a promise and return nothing
   * (`function fetchData() { axios.post(…).then(…) }`): a `.then` chained onto a call of one of
   * them in this block is chained onto `undefined`.
   */
  siblingReturnsNothing?: readonly string[];
  /**
   * The Mongoose major version the paste states (`"mongoose": "^5.9.7"`, `mongoose@6.2`, `Mongoose - ^5.2.4`),
   * when every version of it that the paste states has that major: callbacks work before Mongoose 7.
   */
  mongooseMajor?: number | null;
  /**
   * The discord.py major version the paste states (`discord.py==1.7.3`, `discord.py 0.16.12`), when every
   * version it states has that major: extension setup (`add_cog`, `load_extension`) is synchronous before 2.
   */
  discordPyMajor?: number | null;
  /**
   * The paste's own words say the code runs inside an async function ("this is in an async routine",
   * "the async `on_message` handler … downloads with requests.get"): a piece of code that shows no
   * function, import or class of its own is then read as that function's body.
   */
  statedAsyncBody?: boolean;
  /**
   * The Express major version the paste states (`Express 4`, `express@4.18.2`, `"express": "^4.17.1"`), when every
   * version of it the paste states has that major: before 5, Express does not look at the promise a handler returns.
   */
  expressMajor?: number | null;
  /**
   * The paste reports a NotImplementedError and no loop method other than a subprocess start that raises one
   * (see `hintsFrom` in evidence/index.ts): asyncio subprocess starts in the code are what the loop refused.
   */
  subprocessRefused?: boolean;
  /**
   * The paste names Tortoise ORM in its words (`tortoise-orm = "^0.17.7"`, "Tortoise ORM", an issue about
   * `tortoise`): its code may leave out the import, and `Model.filter(…).first()` is then Tortoise's
   * awaitable query, not Peewee's synchronous one of the same shape.
   */
  tortoiseNamed?: boolean;
  /**
   * The paste's words say some of its code runs on another thread ("when I call `send` from a different
   * thread", "in a background thread"): a plain def that no thread of the paste's own is shown starting
   * may be that code.
   */
  statedOtherThread?: boolean;
  /**
   * Async libraries the paste's words name (`Telethon`, `aiogram`, `AsyncIOMotorClient`, `pyppeteer`; see
   * `libraryNamed` in evidence/index.ts), by the names `LIBRARY_COROUTINE_METHODS` gives them: a paste that
   * leaves out the import still says which library its `client.send_message(…)` belongs to.
   */
  librariesNamed?: readonly string[];
}

export interface SnippetAnalyzer {
  language: Language;
  /** Every detector id this analyser can report (rule files reference them). */
  detectorIds: readonly string[];
  analyze(code: string, blockIndex: number, hints: SnippetHints): SnippetFinding[];
  /** The callees this block shows to be async, for the paste's other blocks (see `SnippetHints.siblingAsync`). */
  asyncCallees(code: string): string[];
  /** The plain functions this block defines that start a promise and return nothing (see `SnippetHints.siblingReturnsNothing`). */
  returnsNothing?(code: string): string[];
}


/**
 * Thrown by an analyser, before its parser runs, when the code is shaped so
 * the parser would take too long or recurse too deep (see `limits.ts`).
 */
export class SnippetTooComplex extends Error {
  constructor(readonly reason: SkipReason) {
    super(`code block not analysed: ${reason}`);
    this.name = 'SnippetTooComplex';
  }
}
