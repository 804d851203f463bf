/**
 * Where the paste came from, read off cheap cues (paths, module names, log
 * prefixes). Rules use it to pick the right advice: a nested asyncio.run in a
 * notebook gets the notebook answer.
 */
import { NeedleSet } from '../match/needles.js';
import type { PasteContext } from './types.js';

const cues: Record<Exclude<keyof PasteContext, 'pythonVersion' | 'nodeVersion'>, string[]> = {
  jupyter: ['cell in [', 'cell in[', 'ipykernel', 'ipython', 'ipython-input-', '.ipynb', 'jupyter', 'in [', 'get_ipython', 'nest_asyncio'],
  fastapi: ['fastapi', 'uvicorn', 'starlette', '@app.get(', '@app.post(', '@router.'],
  django: ['django', 'manage.py', 'asgiref'],
  flask: ['flask', '@app.route('],
  discordPy: ['discord/client.py', 'discord/ext/', 'discord.ext', 'import discord', 'discord.py', 'discord.client', 'discord.gateway', 'commands.bot(', 'setup_hook', 'discord/gateway.py', 'messageable.'],
  aiohttp: ['aiohttp'],
  discordJs: ['discord.js', '@discordjs/', 'discordapierror', 'interaction.reply', 'interactioncreate', 'deferreply', 'interactionalreadyreplied'],
  windows: ['c:\\', 'proactor', 'windowsselectoreventlooppolicy', '\\appdata\\', 'windows'],
};

/** Every cue of every list, found in one pass over the paste instead of one `includes` per cue (about fifty). */
const allCues = new NeedleSet(Object.values(cues).flat());
const jupyterCues = cues.jupyter.filter((c) => c !== 'in [');

export function detectContext(text: string): PasteContext {
  const lower = text.length > 200_000 ? text.slice(0, 100_000).toLowerCase() + text.slice(-100_000).toLowerCase() : text.toLowerCase();
  const found = allCues.in(lower);
  const has = (list: string[]) => list.some(found);
  const py = /python ?(3\.\d{1,2})|\/python(3\.\d{1,2})\/|python(3\d{1,2})[\\/]/i.exec(lower);
  const node = /node\.js v(\d{1,2}\.\d{1,3}\.\d{1,3})/i.exec(lower);
  return {
    jupyter: has(jupyterCues) || /^in \[\d+\]:/m.test(lower),
    fastapi: has(cues.fastapi),
    django: has(cues.django),
    flask: has(cues.flask),
    discordPy: has(cues.discordPy),
    aiohttp: has(cues.aiohttp),
    discordJs: has(cues.discordJs),
    windows: has(cues.windows),
    pythonVersion: py ? (py[1] ?? py[2] ?? (py[3] ? `3.${py[3].slice(1)}` : null)) : null,
    nodeVersion: node ? node[1]! : null,
  };
}
