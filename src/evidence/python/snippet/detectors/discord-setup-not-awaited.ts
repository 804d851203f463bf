/** py.discord-setup-not-awaited: discord.py 2 extension setup (`load_extension`, `add_cog`, `setup`) not awaited. */
import { child, containsOwn, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, code, callData } from './shared.js';
import { words } from '../../../types.js';

/** A module-level `recv.run(…)` / `recv.start(…)` after `call`: the object is the bot being started. */
function startedLater(m: SnippetModel, recv: string, call: PyNode): boolean {
  return m.calls.some((c) => {
    if (c.start <= call.end || m.scopeNode(c) !== null) return false;
    const f = child(c, 'function');
    return f?.type === 'attribute' && /^(run|start)$/.test(m.text(child(f, 'attribute')!)) && m.text(child(f, 'object')!) === recv;
  });
}

const SETUP_METHODS = new Set(['load_extension', 'unload_extension', 'reload_extension', 'add_cog']);
/** The most a finding keeps when the code may be written for a fork that kept setup synchronous. */
const forkAmbiguous = 0.7;

export const discordSetupNotAwaited: Detector = (m, report) => {
  // Code written for discord.py before 2.0 (its removed APIs in the code, or a stated version), or for a fork that kept
  // 1.x's API (Pycord, nextcord, disnake), sets extensions up with plain calls.
  if (m.syncExtensionSetup) return;
  // Pycord, nextcord and disnake bots import `discord` too, and their `add_cog`, `load_extension` and `setup` are
  // plain functions: code that shows neither discord.py 2 itself nor Python's "coroutine 'BotBase.add_cog' was
  // never awaited" may be right as written. A likely answer, below what help-channel watching posts unasked.
  const v2 = m.discordV2Shown || m.hints.coroutineNames.some((n) => SETUP_METHODS.has(n) || n === 'setup');
  const sure = (confidence: number): number => (v2 ? confidence : Math.min(confidence, forkAmbiguous));
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    if (fnExpr?.type !== 'attribute') continue;
    const method = m.text(child(fnExpr, 'attribute')!);
    if (!SETUP_METHODS.has(method)) continue;
    const obj = child(fnExpr, 'object')!;
    const recv = m.text(obj);
    // sqlite3's `conn.load_extension("mod_spatialite")` is not discord.py's.
    if (/^(await:)?(sqlite3|aiosqlite|apsw)\./.test(m.originOf(obj) ?? '')) continue;
    const scope = m.scopeOf(call);
    if (scope.kind === 'module') {
      // At module level: discord.py is visible, or the same object is started later (`bot.run(TOKEN)`).
      if (!m.usesDiscord && !startedLater(m, recv, call)) continue;
    } else if (!m.usesDiscord && !/^(bot|client|self|self\.bot|self\.client)$/.test(recv)) continue;
    const u = m.usage(call);
    const data = callData(m, call);
    data.method = method;
    data.receiver = recv;
    if (u.kind !== 'awaited') {
      data.problem = 'not-awaited';
      report(call, 'py.discord-setup-not-awaited', words(method === 'add_cog' ? 'py.discord-setup.cog-not-awaited' : 'py.discord-setup.extension-not-awaited', { call: recv + '.' + method }), sure(0.9), data);
    } else if (scope.fn?.name === 'on_ready') {
      data.problem = 'in-on-ready';
      report(call, 'py.discord-setup-not-awaited', words('py.discord-setup.in-on-ready', { call: recv + '.' + method }), 0.6, data);
    }
  }
  // An extension's `def setup(bot)` must be `async def` in discord.py 2.
  for (const fn of m.functions.get('setup') ?? []) {
    if (fn.isAsync || fn.className || m.scopeNode(fn.node) !== null) continue;
    const body = child(fn.node, 'body');
    const addsCog = body ? containsOwn(body, (c) => c.type === 'call' && /\.(add_cog|load_extension)$/.test(m.text(child(c, 'function') ?? c))) : false;
    if (!addsCog) continue;
    report(fn.node, 'py.discord-setup-not-awaited', words('py.discord-setup.sync-setup'), sure(0.85), {
      problem: 'sync-setup',
      fnDef: m.at(fn.defOffset),
      fnName: 'setup',
      start: m.at(fn.startOffset),
      context: 'module',
    });
  }
};
