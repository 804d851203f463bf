/**
 * `bot.add_cog(…)` and `def setup(bot)` without await are discord.py 2 mistakes, but Pycord, nextcord and disnake
 * share the `discord` import name (Pycord) or the API shape and keep extension setup synchronous: code that shows
 * neither discord.py 2 itself nor Python's warning is answered as a likely match, never unasked (0.8, help-channel
 * watching). Code that shows discord.py 2, or the warning, is answered as before.
 */
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { DISCORD_V2_ONLY } from '../../src/evidence/python/snippet/known.js';

const engine = await createEngine();
const top = (text: string) => engine.diagnose(text).matches[0];
const fence = (...lines: string[]) => ['```py', ...lines, '```'].join('\n');

const cog = ['import discord', 'from discord.ext import commands', '', 'class Music(commands.Cog):', '    def __init__(self, bot):', '        self.bot = bot', ''];

describe('extension setup not awaited, when the library may be a fork', () => {
  it('code that shows no discord.py 2 API: the rule still comes first, as a likely answer below unasked', () => {
    const m = top(fence(...cog, 'def setup(bot):', '    bot.add_cog(Music(bot))'));
    expect(m?.rule.id).toBe('py/discord-py-async-setup');
    expect(m!.confidence).toBeLessThan(0.8);
  });

  it('discord.py 2 shown (app_commands, setup_hook, an awaited load_extension elsewhere): answered unasked as before', () => {
    const v2 = [
      fence(...cog, '    @app_commands.command()', '    async def play(self, interaction: discord.Interaction):', '        pass', '', 'def setup(bot):', '    bot.add_cog(Music(bot))'),
      fence('import discord', 'from discord.ext import commands', 'bot = commands.Bot(command_prefix="!", intents=discord.Intents.all())', '', '@bot.event', 'async def setup_hook():', '    bot.load_extension("cogs.music")'),
    ];
    for (const text of v2) {
      const m = top(text);
      expect(m?.rule.id).toBe('py/discord-py-async-setup');
      expect(m!.confidence).toBeGreaterThanOrEqual(0.8);
    }
  });

  it("Python's warning that the setup coroutine was never awaited: answered unasked", () => {
    const text = `${fence(...cog, 'def setup(bot):', '    bot.add_cog(Music(bot))')}\n/home/me/bot/cogs/music.py:9: RuntimeWarning: coroutine 'BotBase.add_cog' was never awaited\n  bot.add_cog(Music(bot))`;
    const m = top(text);
    expect(m?.rule.id).toBe('py/discord-py-async-setup');
    expect(m!.confidence).toBeGreaterThanOrEqual(0.8);
  });

  it('a fork named in the code (Pycord slash commands, nextcord): silent', () => {
    expect(top(fence('import discord', 'bot = discord.Bot()', '', 'class Music(discord.Cog):', '    pass', '', 'def setup(bot):', '    bot.add_cog(Music(bot))'))).toBeUndefined();
    expect(top(fence('import nextcord', 'from nextcord.ext import commands', '', 'def setup(bot):', '    bot.add_cog(Music(bot))'))).toBeUndefined();
  });

  it('reads pasted code in linear time (recheck)', () => {
    expect(checkSync(DISCORD_V2_ONLY.source, DISCORD_V2_ONLY.flags, { timeout: 30_000 }).status).toBe('safe');
  });
});
