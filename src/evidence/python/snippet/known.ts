/**
 * What awaitbot knows about library functions without seeing their source:
 * which are coroutine functions, async context managers, blocking calls, and
 * which methods of well-known objects are which.
 */

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

/** Qualified calls that block the thread they run on: wrong inside `async def`. */
export const BLOCKING_FUNCTIONS = new Map<string, string>([
  ['time.sleep', 'sleeps the whole event loop'],
  ['requests.get', 'waits for the HTTP response while the loop is stopped'],
  ['requests.post', 'waits for the HTTP response while the loop is stopped'],
  ['requests.put', 'waits for the HTTP response while the loop is stopped'],
  ['requests.patch', 'waits for the HTTP response while the loop is stopped'],
  ['requests.delete', 'waits for the HTTP response while the loop is stopped'],
  ['requests.head', 'waits for the HTTP response while the loop is stopped'],
  ['requests.request', 'waits for the HTTP response while the loop is stopped'],
  ['httpx.get', 'waits for the HTTP response while the loop is stopped'],
  ['httpx.post', 'waits for the HTTP response while the loop is stopped'],
  ['urllib.request.urlopen', 'waits for the HTTP response while the loop is stopped'],
  ['urllib.urlopen', 'waits for the HTTP response while the loop is stopped'],
  ['subprocess.run', 'waits for the child process while the loop is stopped'],
  ['subprocess.call', 'waits for the child process while the loop is stopped'],
  ['subprocess.check_call', 'waits for the child process while the loop is stopped'],
  ['subprocess.check_output', 'waits for the child process while the loop is stopped'],
  ['subprocess.getoutput', 'waits for the child process while the loop is stopped'],
  ['os.system', 'waits for the child process while the loop is stopped'],
  ['psycopg2.connect', 'talks to the database synchronously'],
  ['pymysql.connect', 'talks to the database synchronously'],
  ['mysql.connector.connect', 'talks to the database synchronously'],
  ['sqlite3.connect', 'talks to the database synchronously'],
  ['input', 'waits for keyboard input while the loop is stopped'],
  ['open', 'reads or writes the file synchronously (harmless for a small file, a stall for a big one or a slow disk)'],
]);

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

export const METHOD_FAMILIES: Record<string, Record<string, MethodKind>> = {
  'aiohttp.ClientSession': {
    ...Object.fromEntries(HTTP_VERBS.map((v) => [v, 'asynccm' as const])),
    ws_connect: 'asynccm',
    close: 'coroutine',
  },
  'httpx.AsyncClient': { ...Object.fromEntries(HTTP_VERBS.map((v) => [v, 'coroutine' as const])), aclose: 'coroutine' },
  'requests.Session': Object.fromEntries(HTTP_VERBS.map((v) => [v, 'blocking' as const])),
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
  sqlite3: SYNC_DB,
  psycopg2: SYNC_DB,
  pymysql: SYNC_DB,
  mysql: SYNC_DB,
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
  if (o.startsWith('aiohttp.ClientSession')) return 'aiohttp.ClientSession';
  if (o.startsWith('httpx.AsyncClient')) return 'httpx.AsyncClient';
  if (o.startsWith('requests.Session') || o.startsWith('requests.session')) return 'requests.Session';
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

/** Receivers that are discord.py objects by convention when the snippet uses discord.py. */
export const DISCORD_RECEIVERS = /^(ctx|interaction|message|msg|channel|member|user|author|guild|bot|client|self\.bot|self\.client|thread|webhook|role|followup|response|ctx\.\w+|interaction\.\w+|message\.\w+)$/;

/** Names of call sinks that hand work to another thread or process. */
export const THREAD_HANDOFFS = new Set(['threading.Thread', 'threading.Timer', 'multiprocessing.Process']);
