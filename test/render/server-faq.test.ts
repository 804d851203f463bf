/** A paste answered by a server's own FAQ entry, and a built-in answer naming one as "see also". */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';
import { decodeButton } from '../../src/render/button-ids.js';
import { renderDiagnosis, renderServerFaqAnswer } from '../../src/render/discord.js';
import { newPublicId } from '../../src/store/index.js';
import { messageViolations } from '../fake-discord/server.mjs';

const caseKey = newPublicId();
const entry = {
  name: 'config-missing',
  title: 'ConfigMissing @everyone [click](https://evil.example)',
  body: 'Copy the example config, <@123456789012345678>:\n```sh\ncp config.example.yml config.yml\n```',
};
const buttonsOf = (r: ReturnType<typeof renderServerFaqAnswer>) => r.components.flatMap((row) => row.components.map((b) => ('custom_id' in b ? decodeButton(b.custom_id) : null)));
const asApi = (r: ReturnType<typeof renderServerFaqAnswer>) => ({ content: r.content, embeds: r.embeds, components: r.components, allowed_mentions: r.allowedMentions });

describe('renderServerFaqAnswer', () => {
  it('is marked as the server\'s FAQ, names the trigger, and has Helpful, Wrong and Delete for this case (no Show fix)', () => {
    const r = renderServerFaqAnswer(entry, { caseKey, public: true, trigger: 'mybot.errors.ConfigMissing' });
    expect(r.embeds[0]!.author?.name).toBe("From this server's FAQ");
    expect(r.embeds[0]!.footer?.text).toBe('server FAQ: config-missing · matched "mybot.errors.ConfigMissing"');
    expect(buttonsOf(r)).toEqual([
      { kind: 'vote', vote: 'helpful', caseKey },
      { kind: 'vote', vote: 'wrong', caseKey },
      { kind: 'delete', caseKey },
    ]);
    expect(r.ephemeral).toBe(false);
    expect(messageViolations(asApi(r))).toEqual([]);
  });

  it('pings nobody, whatever the entry says, and its links and mentions stay text', () => {
    const r = renderServerFaqAnswer(entry, { caseKey, public: true, trigger: 'x' });
    expect(r.allowedMentions).toEqual({ parse: [] });
    expect(r.content).toBeUndefined();
    expect(r.embeds[0]!.title).toContain('\\[click\\]');
    expect(r.embeds[0]!.title).not.toContain('@everyone');
    expect(r.embeds[0]!.description).toContain('```sh\ncp config.example.yml config.yml\n```');
  });

  it('private answers have no Delete; a paste with a secret gets the warning and goes to the asker only', () => {
    expect(buttonsOf(renderServerFaqAnswer(entry, { caseKey, public: false, trigger: 'x' })).map((b) => b?.kind)).toEqual(['vote', 'vote']);
    const r = renderServerFaqAnswer(entry, { caseKey, public: true, trigger: 'x', redactions: [{ kind: 'discord-token', placeholder: '[REDACTED]' }] });
    expect(r.ephemeral).toBe(true);
    expect(r.content).toMatch(/Discord bot token/);
    expect(buttonsOf(r).map((b) => b?.kind)).toEqual(['vote', 'vote']);
  });

  it('labels follow the reader\'s locale', () => {
    expect(renderServerFaqAnswer(entry, { caseKey, public: true, trigger: 'x', locale: 'zh-CN' }).embeds[0]!.author?.name).toBe('来自本服务器的常见问题');
  });
});

describe('renderDiagnosis with a triggered server entry', () => {
  it('names the entry under the built-in answer as "see also", escaped, and without it there is no such field', async () => {
    const engine = await createEngine();
    const d = engine.diagnose('RuntimeError: asyncio.run() cannot be called from a running event loop');
    const r = renderDiagnosis(d, { caseKey, public: true, seeAlso: [entry] });
    const field = r.embeds[0]!.fields?.find((f) => f.name === "See also, from this server's FAQ");
    expect(field?.value).toContain('`/faq topic:config-missing`');
    expect(field?.value).toContain('\\[click\\]');
    const plain = renderDiagnosis(d, { caseKey, public: true });
    expect(plain.embeds[0]!.fields?.some((f) => f.name.startsWith('See also')) ?? false).toBe(false);
  });
});
