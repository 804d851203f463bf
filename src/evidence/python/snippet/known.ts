/**
 * What awaitbot knows about library functions without seeing their source:
 * which are coroutine functions, async context managers, blocking calls, and
 * which methods of well-known objects are which.
 */
import type { WordKey } from '../../../render/messages.js';

/** Qualified module functions that return a coroutine (or another awaitable that must be awaited). */
export const COROUTINE_FUNCTIONS = new Set([
  'asyncio.sleep',
  'asyncio.wait_for',
  'asyncio.wait',
  'asyncio.gather',
  'asyncio.open_connection',
  'asyncio.open_unix_connection',
  'asyncio.start_server',
  'asyncio.create_subprocess_exec',
  'asyncio.create_subprocess_shell',
  'asyncio.to_thread',
  'asyncpg.connect',
  'asyncpg.create_pool',
  'aiosqlite.connect',
  'aiofiles.os.remove',
  'aiofiles.os.rename',
  'aiofiles.os.stat',
  // trio's own coroutine functions: flake8-trio's TRIO105 list (its test checks the list against
  // `inspect.iscoroutinefunction` over trio's members) and ruff's ASYNC105 (flake8_async sync_call.rs), lowlevel ones included.
  ...['aclose_forcefully', 'open_file', 'open_ssl_over_tcp_listeners', 'open_ssl_over_tcp_stream', 'open_tcp_listeners', 'open_tcp_stream', 'open_unix_socket', 'run_process', 'serve_listeners', 'serve_ssl_over_tcp', 'serve_tcp', 'sleep', 'sleep_forever', 'sleep_until'].map((f) => `trio.${f}`),
  ...['cancel_shielded_checkpoint', 'checkpoint', 'checkpoint_if_cancelled', 'open_process', 'permanently_detach_coroutine_object', 'reattach_detached_coroutine_object', 'temporarily_detach_coroutine_object', 'wait_readable', 'wait_task_rescheduled', 'wait_writable'].map((f) => `trio.lowlevel.${f}`),
  // pyppeteer's entry points are `async def` (pyppeteer/launcher.py); the browser they return is awaited for everything else.
  'pyppeteer.launch',
  'pyppeteer.launcher.launch',
  'pyppeteer.connect',
  'pyppeteer.launcher.connect',
]);

/**
 * Awaitables that are Futures already (asyncio.gather returns a `_GatheringFuture`, Lib/asyncio/tasks.py): a Future's
 * own methods (`task.result()` once `run_until_complete(task)` has run, `add_done_callback`) are no coroutine used as
 * a value.
 */
export const FUTURE_FUNCTIONS = new Set(['asyncio.gather']);

/** The methods of asyncio.Future (Lib/asyncio/futures.py) that read or steer it without awaiting it. */
export const FUTURE_METHODS = new Set(['result', 'exception', 'done', 'cancel', 'cancelled', 'add_done_callback', 'remove_done_callback', 'get_loop']);

/**
 * Tortoise ORM's queries (tortoise/models.py, tortoise/queryset.py): a model class's `filter`, `get`, `all`,
 * `first` … build an `AwaitableQuery` that runs only when awaited (`create`, `get_or_create`,
 * `update_or_create`, `in_bulk` are `async def` outright), and every QuerySet method builds another one.
 * Left out: `save`/`delete`/`fetch_related` on an instance, whose receiver the paste seldom shows to be a model.
 */
export const TORTOISE_MODEL_METHODS = new Set(['filter', 'exclude', 'all', 'get', 'get_or_none', 'first', 'last', 'latest', 'earliest', 'annotate', 'exists', 'create', 'get_or_create', 'update_or_create', 'bulk_create', 'bulk_update', 'in_bulk', 'select_for_update', 'raw']);
export const TORTOISE_QUERY_METHODS = new Set([
  'filter', 'exclude', 'order_by', 'latest', 'earliest', 'limit', 'offset', 'distinct', 'select_for_update', 'annotate', 'group_by', 'values_list', 'values',
  'delete', 'update', 'count', 'exists', 'all', 'raw', 'first', 'last', 'get', 'get_or_none', 'only', 'select_related', 'prefetch_related', 'force_index', 'use_index', 'using_db',
]);

/** Qualified callables whose result must be used with `async with`. */
export const ASYNC_CM_FUNCTIONS = new Set([
  'aiohttp.ClientSession',
  'aiofiles.open',
  'asyncio.Lock',
  'asyncio.Semaphore',
  'asyncio.BoundedSemaphore',
  'asyncio.Condition',
  'asyncio.timeout',
  'asyncio.timeout_at',
  'asyncio.TaskGroup',
  'httpx.AsyncClient',
  'aiosqlite.connect',
  'asyncpg.create_pool',
]);

// Why each call blocks, as catalog words (render/messages.ts): the detector's message says it in the reader's language.
const HTTP_WAIT: WordKey = 'py.blocks.http';
const PROCESS_WAIT: WordKey = 'py.blocks.process';
const PROCESS_START: WordKey = 'py.blocks.process-start';
const FILE_WAIT: WordKey = 'py.blocks.file';
const DISK_WAIT: WordKey = 'py.blocks.disk';
const DATABASE_WAIT: WordKey = 'py.blocks.database';

/** os.path functions that touch the disk (ruff ASYNC240's list, plus the stat-based checks): `join`, `basename` and the like do not. */
const OS_PATH_IO = ['abspath', 'exists', 'lexists', 'expanduser', 'isfile', 'isdir', 'islink', 'ismount', 'isjunction', 'getsize', 'getmtime', 'getatime', 'getctime', 'realpath', 'samefile'];

/**
 * Qualified calls that block the thread they run on: wrong inside `async def`. Covers what ruff's
 * flake8-async rules report: ASYNC210 (blocking HTTP), ASYNC220-222 (creating, running and waiting
 * for processes), ASYNC230 (`open`), ASYNC240 (`os.path`), ASYNC250 (`input`), ASYNC251 (`time.sleep`);
 * ASYNC212 (`httpx.Client`) and ASYNC240's `pathlib.Path` are method families below.
 */
export const BLOCKING_FUNCTIONS = new Map<string, WordKey>([
  ['time.sleep', 'py.blocks.sleep'],
  ...['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'].map((v) => [`requests.${v}`, HTTP_WAIT] as [string, WordKey]),
  ...['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request', 'stream'].map((v) => [`httpx.${v}`, HTTP_WAIT] as [string, WordKey]),
  ['urllib.request.urlopen', HTTP_WAIT],
  ['urllib.urlopen', HTTP_WAIT],
  ['urllib3.request', HTTP_WAIT],
  ...['run', 'call', 'check_call', 'check_output', 'getoutput', 'getstatusoutput'].map((f) => [`subprocess.${f}`, PROCESS_WAIT] as [string, WordKey]),
  ...['system', 'wait', 'wait3', 'wait4', 'waitid', 'waitpid'].map((f) => [`os.${f}`, PROCESS_WAIT] as [string, WordKey]),
  ['subprocess.Popen', PROCESS_START],
  ...['popen', 'posix_spawn', 'posix_spawnp', 'spawnl', 'spawnle', 'spawnlp', 'spawnlpe', 'spawnv', 'spawnve', 'spawnvp', 'spawnvpe'].map((f) => [`os.${f}`, PROCESS_START] as [string, WordKey]),
  ['psycopg2.connect', DATABASE_WAIT],
  ['pymysql.connect', DATABASE_WAIT],
  ['mysql.connector.connect', DATABASE_WAIT],
  ['sqlite3.connect', DATABASE_WAIT],
  ['input', 'py.blocks.input'],
  ['open', FILE_WAIT],
  ['io.open', FILE_WAIT],
  ['io.open_code', FILE_WAIT],
  ...OS_PATH_IO.map((f) => [`os.path.${f}`, DISK_WAIT] as [string, WordKey]),
]);

/** Calls that open a file: moving the open alone to a thread fixes nothing (the reads on the file block too). */
export const FILE_OPENS = new Set(['open', 'io.open', 'io.open_code', 'pathlib.Path.open']);

/**
 * How sure a blocking call is the problem, when less than a sleep or a request: a file open or a
 * disk check is usually quick, and starting a process returns once it is forked.
 */
export function blockingConfidence(qname: string): number {
  if (FILE_OPENS.has(qname)) return 0.6;
  if (qname.startsWith('os.path.') || qname.startsWith('pathlib.Path.')) return 0.55;
  if (BLOCKING_FUNCTIONS.get(qname) === PROCESS_START) return 0.7;
  return 0.9;
}

/** Builtins in BLOCKING_FUNCTIONS: they count only when called by their own name, not as someone's method. */
export const BLOCKING_BUILTINS = new Set(['input', 'open']);

/** Builtins and helpers whose result is never awaitable. */
export const NEVER_AWAITABLE = new Set(['print', 'len', 'open', 'str', 'int', 'float', 'list', 'dict', 'json.dumps', 'json.loads']);

/** Calls that use their argument as a plain value (a coroutine passed here is a mistake). */
export const VALUE_SINKS = new Set([
  'print',
  'str',
  'repr',
  'len',
  'list',
  'tuple',
  'dict',
  'set',
  'sorted',
  'bool',
  'int',
  'float',
  'json.dumps',
  'json.dump',
  'isinstance',
  // `print(type(result))`, the way people show what a call gave them: they expected its result.
  'type',
]);

/** Calls that accept a coroutine object: passing `main` instead of `main()` is a mistake. */
export const COROUTINE_SINKS = new Set([
  'asyncio.run',
  'asyncio.create_task',
  'asyncio.ensure_future',
  'asyncio.gather',
  'asyncio.wait_for',
  'asyncio.shield',
  'asyncio.run_coroutine_threadsafe',
]);

/** The origin of a name bound by `async with x.cursor() as cur`: an asyncio database driver's cursor, whichever driver it is. */
export const ASYNC_DB_CURSOR = 'async-db-cursor';
const ASYNC_DB_CURSOR_FAMILY = 'async database cursor';

/** Method families of objects whose origin the snippet shows (`x = sqlite3.connect(…)`). */
export type MethodKind = 'coroutine' | 'asynccm' | 'blocking' | 'thread-unsafe';

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];
const SYNC_DB = {
  execute: 'blocking',
  executemany: 'blocking',
  executescript: 'blocking',
  fetchone: 'blocking',
  fetchall: 'blocking',
  fetchmany: 'blocking',
  commit: 'blocking',
  rollback: 'blocking',
} as const;

/** pathlib.Path methods that touch the disk (ruff ASYNC240's list; `open` as in ASYNC230). */
const PATH_IO = ['absolute', 'chmod', 'exists', 'expanduser', 'glob', 'group', 'hardlink_to', 'is_block_device', 'is_char_device', 'is_dir', 'is_fifo', 'is_file', 'is_junction', 'is_mount', 'is_socket', 'is_symlink', 'iterdir', 'lchmod', 'lstat', 'mkdir', 'owner', 'read_bytes', 'read_text', 'readlink', 'rename', 'replace', 'resolve', 'rglob', 'rmdir', 'samefile', 'stat', 'symlink_to', 'touch', 'unlink', 'walk', 'write_bytes', 'write_text', 'open'];

/** Why a family's blocking methods block, when not a database driver's. */
export const FAMILY_WHY: Record<string, WordKey> = {
  'httpx.Client': HTTP_WAIT,
  'requests.Session': HTTP_WAIT,
  'pathlib.Path': DISK_WAIT,
};

export const METHOD_FAMILIES: Record<string, Record<string, MethodKind>> = {
  'aiohttp.ClientSession': {
    ...Object.fromEntries(HTTP_VERBS.map((v) => [v, 'asynccm' as const])),
    ws_connect: 'asynccm',
    close: 'coroutine',
  },
  'httpx.AsyncClient': { ...Object.fromEntries(HTTP_VERBS.map((v) => [v, 'coroutine' as const])), aclose: 'coroutine' },
  'requests.Session': Object.fromEntries(HTTP_VERBS.map((v) => [v, 'blocking' as const])),
  // ruff ASYNC212: the sync httpx client.
  'httpx.Client': Object.fromEntries([...HTTP_VERBS, 'send', 'stream', 'close'].map((v) => [v, 'blocking' as const])),
  'pathlib.Path': Object.fromEntries(PATH_IO.map((v) => [v, 'blocking' as const])),
  asyncpg: {
    fetch: 'coroutine',
    fetchrow: 'coroutine',
    fetchval: 'coroutine',
    execute: 'coroutine',
    executemany: 'coroutine',
    close: 'coroutine',
    acquire: 'asynccm',
    transaction: 'asynccm',
  },
  aiosqlite: { execute: 'coroutine', commit: 'coroutine', fetchall: 'coroutine', fetchone: 'coroutine', close: 'coroutine' },
  // A cursor entered with `async with` (see ASYNC_DB_CURSOR): aiomysql's and aiopg's Cursor, psycopg 3's AsyncCursor,
  // asyncmy's: `async def execute`, `executemany`, `fetchone`, `fetchmany`, `fetchall`, `callproc`, `scroll`.
  [ASYNC_DB_CURSOR_FAMILY]: Object.fromEntries(['execute', 'executemany', 'fetchone', 'fetchmany', 'fetchall', 'callproc', 'scroll'].map((v) => [v, 'coroutine' as const])),
  sqlite3: SYNC_DB,
  psycopg2: SYNC_DB,
  pymysql: SYNC_DB,
  mysql: SYNC_DB,
  // A response of an aiohttp request: its body is read with await (an httpx or requests response reads synchronously).
  'aiohttp.ClientResponse': { json: 'coroutine', text: 'coroutine', read: 'coroutine' },
  'aiofiles.file': Object.fromEntries(['read', 'write', 'readline', 'readlines', 'writelines', 'flush', 'close', 'seek', 'tell', 'truncate'].map((v) => [v, 'coroutine' as const])),
  'redis.asyncio': Object.fromEntries(
    ['get', 'set', 'setex', 'getdel', 'mget', 'mset', 'delete', 'exists', 'expire', 'ttl', 'incr', 'incrby', 'decr', 'hget', 'hset', 'hgetall', 'hdel', 'hincrby', 'lpush', 'rpush', 'lpop', 'rpop', 'lrange', 'llen', 'sadd', 'srem', 'smembers', 'sismember', 'zadd', 'zrange', 'zrem', 'zscore', 'publish', 'keys', 'scan', 'ping', 'flushdb', 'aclose', 'close'].map((v) => [v, 'coroutine' as const]),
  ),
  // SQLAlchemy's AsyncSession: everything that talks to the database is awaited (`add` only stages an object).
  'sqlalchemy.AsyncSession': Object.fromEntries(['execute', 'scalars', 'scalar', 'get', 'commit', 'rollback', 'flush', 'refresh', 'delete', 'close', 'merge', 'stream', 'stream_scalars', 'run_sync', 'invalidate'].map((v) => [v, 'coroutine' as const])),
  // Telethon's asyncio TelegramClient (docs.telethon.dev, "Client Reference"): these are `async def`. Left out:
  // start(), disconnect() and run_until_disconnected(), which run the loop themselves when it is not running.
  'telethon.TelegramClient': Object.fromEntries(
    ['connect', 'send_message', 'send_file', 'get_messages', 'get_entity', 'get_input_entity', 'get_me', 'get_dialogs', 'get_participants', 'download_media', 'delete_messages', 'forward_messages', 'edit_message', 'sign_in', 'sign_up', 'send_code_request', 'log_out', 'is_user_authorized'].map((v) => [v, 'coroutine' as const]),
  ),
  // A Starlette/FastAPI request and upload: the body arrives through the loop.
  'starlette.Request': { json: 'coroutine', body: 'coroutine', form: 'coroutine' },
  'starlette.UploadFile': { read: 'coroutine', write: 'coroutine', seek: 'coroutine', close: 'coroutine' },
  'asyncio.Queue': { put: 'coroutine', get: 'coroutine', join: 'coroutine', put_nowait: 'thread-unsafe', get_nowait: 'thread-unsafe' },
  'asyncio.Event': { wait: 'coroutine', set: 'thread-unsafe', clear: 'thread-unsafe' },
  'asyncio.Lock': { acquire: 'coroutine', release: 'thread-unsafe' },
  'asyncio.Semaphore': { acquire: 'coroutine', release: 'thread-unsafe' },
  'asyncio.Condition': { acquire: 'coroutine', wait: 'coroutine', notify: 'thread-unsafe', notify_all: 'thread-unsafe' },
  loop: {
    call_soon: 'thread-unsafe',
    call_later: 'thread-unsafe',
    call_at: 'thread-unsafe',
    create_task: 'thread-unsafe',
  },
};

/** Which family an origin (`sqlite3.connect`, `await:asyncpg.connect`, `asyncio.Queue`) belongs to. */
export function familyOf(origin: string): string | null {
  const o = origin.replace(/^await:/, '');
  if (o === ASYNC_DB_CURSOR) return ASYNC_DB_CURSOR_FAMILY;
  if (/^aiohttp\.ClientSession\.(get|post|put|patch|delete|head|options|request)$/.test(o)) return 'aiohttp.ClientResponse';
  if (/^aiofiles\.(open|threadpool\.open)$/.test(o)) return 'aiofiles.file';
  if (/^(redis\.asyncio|aioredis)\.(Redis|StrictRedis|from_url|Redis\.from_url)$/.test(o)) return 'redis.asyncio';
  // SQLAlchemy's own names, imported or not: a session typed AsyncSession, or made by an async_sessionmaker.
  if (/(^|\.)AsyncSession$|(^|\.)async_sessionmaker\(\)$/.test(o)) return 'sqlalchemy.AsyncSession';
  // The name is Telethon's alone, so a paste that leaves out the import still shows it; `telethon.sync` has its own.
  if (/^(telethon\.)?TelegramClient$/.test(o)) return 'telethon.TelegramClient';
  if (/^(fastapi|starlette\.requests)\.Request$/.test(o)) return 'starlette.Request';
  if (/^(fastapi|starlette\.datastructures)\.UploadFile$/.test(o)) return 'starlette.UploadFile';
  if (o.startsWith('aiohttp.ClientSession')) return 'aiohttp.ClientSession';
  if (o.startsWith('httpx.AsyncClient')) return 'httpx.AsyncClient';
  if (o.startsWith('requests.Session') || o.startsWith('requests.session')) return 'requests.Session';
  if (o === 'httpx.Client') return 'httpx.Client';
  if (/^pathlib\.(Path|PosixPath|WindowsPath)$/.test(o)) return 'pathlib.Path';
  if (o.startsWith('asyncpg.')) return 'asyncpg';
  if (o.startsWith('aiosqlite.')) return 'aiosqlite';
  for (const db of ['sqlite3', 'psycopg2', 'pymysql', 'mysql']) if (o.startsWith(db + '.')) return db;
  for (const p of ['asyncio.Queue', 'asyncio.Event', 'asyncio.Lock', 'asyncio.Semaphore', 'asyncio.Condition']) {
    if (o === p || o.startsWith(p + '.')) return p;
  }
  if (o === 'asyncio.PriorityQueue' || o === 'asyncio.LifoQueue') return 'asyncio.Queue';
  if (o === 'asyncio.BoundedSemaphore') return 'asyncio.Semaphore';
  if (/^asyncio\.(get_event_loop|get_running_loop|new_event_loop)$/.test(o)) return 'loop';
  return null;
}

/**
 * APIs discord.py removed in 1.0 (its "Migrating to v1.0" page): `pass_context=True`, `bot.say(…)`,
 * `client.send_message(…)`. Code that shows one was written for 0.16, where extensions and cogs were set
 * up with plain calls (`def setup(bot)`, `bot.add_cog(…)`), as in 1.x; only 2.0 made them coroutines.
 */
export const DISCORD_BEFORE_V1 = /\bpass_context\s*=|\b(?:bot|client)\.(?:say|send_message|send_file|edit_message|delete_message)\s*\(/;
/**
 * Code written for a fork of discord.py that kept extension and cog setup synchronous in its 2.x (Pycord, nextcord,
 * disnake: `def load_extension`, `def add_cog` in their discord/cog.py, nextcord/ext/commands/bot.py and
 * disnake/ext/commands/common_bot_base.py): the fork imported by name, or an API discord.py never had: a bot's
 * `slash_command` decorator (discord.py 2 registers through `bot.tree` and `app_commands`), Pycord's `discord.Bot`,
 * `ApplicationContext`, `discord.Option` and `ctx.respond(…)`, and the forks' `load_extensions(…)`.
 */
export const DISCORD_FORK_SYNC_SETUP =
  /\b(?:import|from)\s+(?:nextcord|disnake)\b|\.slash_command\s*\(|\bdiscord\.(?:Bot|ApplicationContext|AutocompleteContext|Option)\b|\bctx\.respond\s*\(|\.load_extensions\s*\(/;
/**
 * What only discord.py 2 has, neither 1.x nor the forks that share its `discord` import name and keep extension setup
 * synchronous (Pycord, nextcord, disnake): `app_commands` and its command tree, `setup_hook`, hybrid commands,
 * `GroupCog`, or extension setup already awaited (`await bot.load_extension(…)`, `async def setup(bot)`) elsewhere in
 * the code. Linear: alternatives told apart by their first words.
 */
export const DISCORD_V2_ONLY =
  /\bapp_commands\b|\bCommandTree\b|\.tree\.(?:sync|command|add_command)\b|\bsetup_hook\b|\bhybrid_(?:command|group)\b|\bGroupCog\b|\bawait\s+[\w.]+\.(?:add_cog|load_extension|reload_extension|unload_extension)\s*\(|\basync\s+def\s+setup\s*\(/;
/** The extension and cog methods that are coroutines only since discord.py 2.0. */
export const DISCORD_V2_COROUTINES = new Set(['load_extension', 'unload_extension', 'reload_extension', 'add_cog', 'remove_cog']);
/**
 * What discord.py 2.0 removed (its "Migrating to v2.0" page, the Asset redesign): `.avatar_url`. Code that
 * shows it was written for 1.x, where extension setup was synchronous too.
 */
export const DISCORD_REMOVED_IN_V2 = /\.avatar_url\b/;

/** discord.py 2 methods that are coroutines (on messages, channels, contexts, interactions, the bot). */
export const DISCORD_COROUTINE_METHODS = new Set([
  'send',
  'reply',
  'send_message',
  'defer',
  'edit',
  'edit_message',
  'edit_original_response',
  'delete',
  'add_reaction',
  'remove_reaction',
  'clear_reactions',
  'fetch_user',
  'fetch_channel',
  'fetch_message',
  'fetch_guild',
  'fetch_member',
  'load_extension',
  'unload_extension',
  'reload_extension',
  'add_cog',
  'remove_cog',
  'wait_for',
  'change_presence',
  'purge',
  'add_roles',
  'remove_roles',
  'kick',
  'ban',
  'pin',
  'create_text_channel',
  'create_dm',
  'sync',
  'start',
  'login',
  'connect',
  'trigger_typing',
]);

/**
 * pyppeteer's camelCase methods: no other Python library a paste shows has them, so they are coroutines
 * even when the paste leaves out `from pyppeteer import launch` (a notebook cell, a cut-out function).
 */
export const PYPPETEER_DISTINCTIVE = new Set(['newPage', 'createIncognitoBrowserContext', 'waitForSelector', 'waitForNavigation', 'waitForXPath', 'querySelectorAll', 'querySelectorEval', 'querySelectorAllEval', 'setViewport', 'setUserAgent', 'evaluateOnNewDocument', 'setRequestInterception']);

/** Receivers that are discord.py objects by convention when the snippet uses discord.py. */
export const DISCORD_RECEIVERS = /^(ctx|interaction|message|msg|channel|member|user|author|guild|bot|client|self\.bot|self\.client|thread|webhook|role|followup|response|ctx\.\w+|interaction\.\w+|message\.\w+)$/;

/** Names of call sinks that hand work to another thread or process. */
export const THREAD_HANDOFFS = new Set(['threading.Thread', 'threading.Timer', 'multiprocessing.Process']);

/**
 * Coroutine methods of libraries whose objects are reached through attribute chains the snippet
 * rarely shows the origin of (`message.answer`, `client.db.users.find_one`, `page.goto`): a method
 * of these names is a coroutine when the snippet imports the library (and not its sync twin).
 * Only names the library's async API owns: generic ones (`close`, `get`, `clear`) are left out.
 */
export const LIBRARY_COROUTINE_METHODS: {
  library: RegExp;
  unless?: RegExp;
  /**
   * Libraries with methods of the same names that run synchronously: a paste importing one of them is about
   * that one, even when its words name this library too ("I moved from Telethon to Pyrogram").
   */
  rivals?: RegExp;
  name: string;
  methods: Set<string>;
  ownLoopOutside?: Set<string>;
  /** A call only this library makes (`TelegramClient(…)`): the paste uses it even when it leaves the import out. */
  namedBy?: RegExp;
}[] = [
  {
    library: /^aiogram(\.|$)/,
    rivals: /^(?:telegram|telebot|pyrogram)(\.|$)/,
    name: 'aiogram',
    methods: new Set(['answer', 'reply', 'send_message', 'send_photo', 'send_document', 'send_video', 'send_sticker', 'edit_text', 'edit_message_text', 'edit_reply_markup', 'delete_message', 'answer_photo', 'answer_document', 'answer_video', 'answer_sticker', 'answer_callback_query', 'copy_to', 'forward', 'start_polling', 'delete_webhook', 'set_webhook', 'get_me', 'set_state', 'get_data', 'update_data', 'set_data', 'get_state']),
  },
  {
    library: /^telethon(\.|$)/,
    // `telethon.sync` wraps every method to run the loop itself.
    unless: /^telethon\.sync(\.|$)/,
    rivals: /^(?:telegram|telebot|pyrogram)(\.|$)/,
    name: 'Telethon',
    // The client's methods, and a message's (an event of `events.NewMessage` is one): `async def respond`, `reply`,
    // `forward_to`, `get_reply_message`, `mark_read` in telethon/tl/custom/message.py.
    methods: new Set(['send_message', 'send_file', 'get_messages', 'get_entity', 'get_input_entity', 'get_me', 'get_dialogs', 'get_participants', 'download_media', 'delete_messages', 'forward_messages', 'edit_message', 'respond', 'reply', 'forward_to', 'get_reply_message', 'mark_read', 'sign_in', 'send_code_request', 'run_until_disconnected']),
    namedBy: /\bTelegramClient\s*\(/,
    // `coro if self.loop.is_running() else self.loop.run_until_complete(coro)` (telethon/client/updates.py):
    // called where no loop runs (a script's main()), it runs the loop itself and returns when disconnected.
    ownLoopOutside: new Set(['run_until_disconnected']),
  },
  {
    library: /^playwright\.async_api(\.|$)/,
    name: 'Playwright (async API)',
    methods: new Set(['goto', 'new_page', 'new_context', 'launch', 'fill', 'click', 'dblclick', 'hover', 'press', 'check', 'select_option', 'wait_for_selector', 'wait_for_timeout', 'wait_for_load_state', 'wait_for_url', 'screenshot', 'content', 'evaluate', 'inner_text', 'inner_html', 'text_content', 'get_attribute', 'query_selector', 'query_selector_all', 'set_content', 'pdf', 'reload', 'go_back', 'set_viewport_size', 'set_input_files']),
  },
  {
    // pyppeteer (miyakogi.github.io/pyppeteer/reference.html): Puppeteer's API in Python, every page and browser action a coroutine.
    library: /^pyppeteer(\.|$)/,
    rivals: /^(?:playwright|selenium)(\.|$)/,
    name: 'pyppeteer',
    methods: new Set(['newPage', 'createIncognitoBrowserContext', 'goto', 'screenshot', 'evaluate', 'click', 'type', 'content', 'cookies', 'setCookie', 'pdf', 'setViewport', 'setUserAgent', 'waitForSelector', 'waitForNavigation', 'waitForXPath', 'waitFor', 'querySelector', 'querySelectorAll', 'querySelectorEval', 'querySelectorAllEval', 'xpath', 'pages', 'reload', 'goBack', 'evaluateOnNewDocument', 'setRequestInterception']),
  },
  {
    library: /^motor(\.|$)/,
    rivals: /^pymongo(\.|$)/,
    name: 'Motor',
    methods: new Set(['find_one', 'insert_one', 'insert_many', 'update_one', 'update_many', 'replace_one', 'delete_one', 'delete_many', 'count_documents', 'estimated_document_count', 'find_one_and_update', 'find_one_and_delete', 'find_one_and_replace', 'to_list', 'create_index', 'list_collection_names', 'bulk_write']),
  },
];
