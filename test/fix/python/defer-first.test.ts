/**
 * py.defer-first: a Python slash-command handler answered after Discord's 3 seconds acknowledges the interaction
 * first. discord.py is not installed where the tests run, so the fixed handlers are compiled by Python, not run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-defer-first-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EXPIRED = 'discord.errors.NotFound: 404 Not Found (error code: 10062): Unknown interaction';

function matchOf(code: string) {
  const m = engine.diagnose(['```python', code, '```', '', EXPIRED].join('\n')).matches[0]!;
  expect(m.rule.id).toBe('py/discord-unknown-interaction');
  return m;
}

function compiles(code: string): boolean {
  const file = join(dir, 'fixed.py');
  writeFileSync(file, code);
  execFileSync('python3', ['-m', 'py_compile', file], { stdio: 'pipe' });
  return true;
}

const DISCORD_PY = `import discord
from discord.ext import commands

bot = commands.Bot(command_prefix="!", intents=discord.Intents.default())


@bot.tree.command()
async def report(interaction: discord.Interaction):
    rows = await fetch_rows()
    text = "\\n".join(rows)
    await interaction.response.send_message(text)
`;

const PYCORD = `import asyncio
import discord

client = discord.Bot()


@client.slash_command(guild_ids=[123])
async def test(ctx):
    await asyncio.sleep(3)
    await ctx.respond("yeah?")
`;

describe('py defer-first', () => {
  it("discord.py: defers as the handler's first line and sends the answer as a followup", () => {
    const fix = matchOf(DISCORD_PY).fix!;
    expect(fix.code).toContain(
      'async def report(interaction: discord.Interaction):\n    await interaction.response.defer()\n    rows = await fetch_rows()',
    );
    expect(fix.code).toContain('await interaction.followup.send(text)');
    expect(fix.code).not.toContain('response.send_message');
    expect(compiles(fix.code)).toBe(true);
  });

  it("Pycord: ctx.defer() first, and ctx.respond stays (it follows up once deferred)", () => {
    const fix = matchOf(PYCORD).fix!;
    expect(fix.code).toContain('async def test(ctx):\n    await ctx.defer()\n    await asyncio.sleep(3)\n    await ctx.respond("yeah?")');
    expect(compiles(fix.code)).toBe(true);
  });

  it.each([
    ['the handler already defers (too late: the rule explains where it goes)', PYCORD.replace('    await asyncio.sleep(3)\n', '    await asyncio.sleep(3)\n    await ctx.defer()\n')],
    ['the answer is the first line: nothing slow ran before it', PYCORD.replace('    await asyncio.sleep(3)\n', '')],
    ['two first answers in the block', `${DISCORD_PY}\n\n@bot.tree.command()\nasync def ping(interaction: discord.Interaction):\n    await asyncio.sleep(1)\n    await interaction.response.send_message("pong")\n`],
    ['the body starts with a docstring', DISCORD_PY.replace('    rows = await fetch_rows()\n', '    """Send the report."""\n    rows = await fetch_rows()\n')],
  ])('gives no rewrite when %s (the rule still names the mistake)', (_why, code) => {
    expect(matchOf(code).fix).toBeNull();
  });
});
