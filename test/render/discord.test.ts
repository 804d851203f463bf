/** Diagnosis → Discord reply: always inside Discord's limits, long fixes as files, nobody pinged. */
import { describe, expect, it } from 'vitest';
import type { Diagnosis, Match } from '../../src/diagnosis.js';
import { intake } from '../../src/intake/index.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { decodeButton, encodeButton } from '../../src/render/button-ids.js';
import { renderDiagnosis, renderFaqRule, renderNoMatch } from '../../src/render/discord.js';
import { searchTopics } from '../../src/app/faq-search.js';
import { messageViolations } from '../fake-discord/server.mjs';
import { newPublicId } from '../../src/store/index.js';

const rules = loadKnowledge();
const rule = rules.find((r) => r.id === 'js/floating-promise')!;

function diagnosis(fixCode: string | null, extra: Partial<Match> = {}, text = 'x'): Diagnosis {
  const match: Match = {
    rule,
    confidence: 0.9,
    reasons: [],
    where: { file: 'bot.js', line: 12, source: 'interaction.reply("hi")' + ' '.repeat(3) + '```'.repeat(400) },
    findings: [],
    fix: fixCode === null ? null : { language: 'javascript', code: fixCode, diff: '', changedLines: [1], note: 'added await' },
    variants: ['v'.repeat(2000), 'w'.repeat(2000)],
    ...extra,
  };
  const others = rules.slice(0, 5).map((r) => ({ ...match, rule: { ...r, title: 'T'.repeat(120) } }));
  return { matches: [match, ...others], paste: intake(text), evidence: {} as Diagnosis['evidence'], elapsedMs: 1 };
}

function asApi(r: ReturnType<typeof renderDiagnosis>) {
  return { content: r.content, embeds: r.embeds, components: r.components, allowed_mentions: r.allowedMentions };
}

describe('renderDiagnosis', () => {
  it('keeps a reply with oversized parts within every limit', () => {
    const r = renderDiagnosis(diagnosis('await interaction.reply("hi");\n'.repeat(40), { rule: { ...rule, title: 'X'.repeat(500), summary: 'S'.repeat(600) } }), { caseKey: '1', askerId: '2', public: true });
    expect(messageViolations(asApi(r))).toEqual([]);
    expect(r.allowedMentions).toEqual({ parse: [] });
  });

  it('sends a long fix as a file with the right extension instead of a code block', () => {
    const long = 'await interaction.reply("hello there");\n'.repeat(100);
    const r = renderDiagnosis(diagnosis(long), { caseKey: '1', askerId: '2', public: true });
    expect(r.files).toHaveLength(1);
    expect(r.files[0]!.name).toBe('fix.js');
    expect(r.files[0]!.data.toString()).toBe(long);
    expect(r.embeds[0]!.description).toContain('fix.js');
  });

  it('shows a short fix inline in a js code block, or the rule\'s correct example when there is no fix', () => {
    const fixed = renderDiagnosis(diagnosis('await interaction.reply("hi");'), { caseKey: '1', askerId: '2', public: true });
    expect(fixed.embeds[0]!.description).toContain('```js\nawait interaction.reply("hi");\n```');
    const example = renderDiagnosis(diagnosis(null), { caseKey: '1', askerId: '2', public: true });
    expect(example.embeds[0]!.description).toContain('**Correct example**');
  });

  it('makes the reply ephemeral and drops Delete when the paste had a secret', () => {
    const r = renderDiagnosis(diagnosis(null, {}, 'https://discord.com/api/webhooks/123456789012345678/abcdefghijklmnopqrstuvwxyz0123'), { caseKey: '1', askerId: '2', public: true });
    expect(r.ephemeral).toBe(true);
    expect(r.content).toMatch(/webhook/);
    const ids = r.components.flatMap((row) => row.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
    expect(ids.some((id) => id.startsWith('ab:del:'))).toBe(false);
  });

  it('button ids carry the action and a public case id, round-trip and stay within 100 characters', () => {
    const caseKey = newPublicId();
    for (const action of [
      { kind: 'fix', caseKey },
      { kind: 'vote', vote: 'helpful', caseKey },
      { kind: 'vote', vote: 'wrong', caseKey },
      { kind: 'delete', caseKey },
    ] as const) {
      const id = encodeButton(action);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeButton(id)).toEqual(action);
    }
  });

  it('decodes nothing it did not write: garbage, old sequential ids, extra parts', () => {
    const caseKey = newPublicId();
    for (const id of ['something-else', '', 'ab:fix', 'ab:fix:12:py/discord-py-async-setup', 'ab:del:300000000000000001', `ab:nuke:${caseKey}`, `ab:fix:${caseKey}:x`, `ab:fix:${caseKey.slice(1)}`, `ab:fix:${caseKey}\n`]) {
      expect(decodeButton(id)).toBeNull();
    }
  });
});

describe('other replies', () => {
  it('no match is short, ephemeral and points to /faq', () => {
    const r = renderNoMatch();
    expect(r.ephemeral).toBe(true);
    expect(r.content).toContain('/faq');
    expect(r.content!.length).toBeLessThan(300);
  });

  it('a /faq answer pings only its target user', () => {
    const r = renderFaqRule(rule, '1100000000000000042');
    expect(r.allowedMentions).toEqual({ parse: [], users: ['1100000000000000042'] });
    expect(messageViolations(asApi(r))).toEqual([]);
    expect(renderFaqRule(rule, null).allowedMentions).toEqual({ parse: [] });
  });
});

describe('/faq topic search', () => {
  it('ranks an exact id first, then keyword hits, and returns at most 25', () => {
    expect(searchTopics('js/floating-promise', rules, [])[0]!.value).toBe('js/floating-promise');
    expect(searchTopics('Unknown interaction', rules, [])[0]!.value).toBe('js/discord-unknown-interaction');
    expect(searchTopics('', rules, []).length).toBeLessThanOrEqual(25);
    expect(searchTopics('a', rules, []).length).toBeLessThanOrEqual(25);
  });

  it('includes the server\'s own entries', () => {
    const entry = { guildId: 'g', name: 'token-leak', title: 'Leaked token', body: 'Reset it.', triggers: [], language: null, authorId: 'a', uses: 0, createdAt: '', updatedAt: '' };
    expect(searchTopics('token-leak', rules, [entry])[0]!.value).toBe('token-leak');
  });
});
