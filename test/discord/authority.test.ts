/**
 * Buttons carry no authority, and attachments come only from Discord's CDN:
 * the real bot against the fake Discord, pressed as the wrong user, on the
 * wrong message, in the wrong channel, with forged, copied, replayed and
 * garbage custom_ids. Every forged press must be refused politely, once, and
 * change nothing.
 */
import Database from 'better-sqlite3';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/render/messages.js';
import { newPublicId } from '../../src/store/index.js';
import type { FakeDiscord, FakeUser } from '../fake-discord/server.mjs';
import { root, startBot, type RunningBot } from './harness.js';

const EPHEMERAL = 64;
const MANAGE_MESSAGES = String(1 << 13);
const en = messages('en');
const refusals = [en.buttonInactive, en.buttonNotForThisMessage, en.fixOnlyForAsker, en.voteOnlyOnVisible, en.deleteOnlyAskerOrModerator];

const paste = readFileSync(join(root, 'test/fixtures/cases/js/discord-unknown-interaction/late-defer.out.txt'), 'utf8');
/** A code snippet only its asker should see the fix of (it carries a token, so the answer is private). */
const privateCode = 'const secretProjectName = "zorblax";\n';
const token = `${Buffer.from('123456789012345678').toString('base64url')}.${Buffer.from([0x67, 0x00, 0x00, 0x01]).toString('base64url')}Zx.aB3dE5fG7hI9jK1lM3nO5pQ7rS9tU`;

let bot: RunningBot;
let fake: FakeDiscord;
let asker: FakeUser;
let stranger: FakeUser;
let moderator: FakeUser;
/** Answers: A's public one, A's private one (secret in the paste), B's public one. */
let publicA: { id: string; components: { components: { label: string; custom_id?: string }[] }[]; channel_id: string };
let privateA: typeof publicA;
let publicB: typeof publicA;

async function answer(user: FakeUser, text: string) {
  const it = fake.slash('explain', [{ name: 'text', type: 3, value: text }], { user });
  await fake.firstCallback(it.token);
  const message = fake.answerMessage(it.token);
  expect(message).not.toBeNull();
  return message;
}

const customId = (message: typeof publicA, label: string) => message.components[0]!.components.find((b) => b.label === label)!.custom_id!;

function feedbackRows(): { user_id: string; vote: string; public_id: string }[] {
  const db = new Database(bot.databasePath, { readonly: true });
  try {
    return db.prepare('SELECT f.user_id, f.vote, c.public_id FROM feedback f JOIN cases c ON c.id = f.case_id ORDER BY f.user_id').all() as never;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  bot = await startBot({ AWAITBOT_RATE_LIMIT: '1000/60' });
  fake = bot.fake;
  asker = fake.user(undefined, 'asker');
  stranger = fake.user(undefined, 'stranger');
  moderator = fake.user(undefined, 'moderator');
  publicA = await answer(asker, paste);
  privateA = await answer(asker, `client.login('${token}')\n${privateCode}${paste}`);
  publicB = await answer(stranger, paste);
  expect(publicA.channel_id).toBe(fake.channelId);
});

afterAll(async () => {
  expect(fake.violations).toEqual([]);
  expect(bot.exitCode()).toBeNull();
  expect(await bot.stop()).toBe(0);
});

describe('answers remember the message they became', () => {
  it('a private answer is ephemeral and still has its buttons', () => {
    expect(privateA.id).not.toBe(publicA.id);
    expect((fake.messages.get(privateA.id).flags ?? 0) & EPHEMERAL).toBe(EPHEMERAL);
    expect(privateA.components[0]!.components.map((b) => b.label)).toEqual(expect.arrayContaining(['Show fix', 'Helpful', 'Wrong']));
  });

  it('stores the message id with the case, and only random public ids leave the database', () => {
    const db = new Database(bot.databasePath, { readonly: true });
    try {
      const rows = db.prepare('SELECT id, public_id, reply_message_id, reply_public FROM cases ORDER BY id').all() as { id: number; public_id: string; reply_message_id: string; reply_public: number }[];
      expect(rows.map((r) => [r.reply_message_id, r.reply_public])).toEqual([
        [publicA.id, 1],
        [privateA.id, 0],
        [publicB.id, 1],
      ]);
      for (const [i, message] of [publicA, privateA, publicB].entries()) {
        for (const b of message.components[0]!.components.filter((c) => c.custom_id)) {
          expect(b.custom_id).toMatch(new RegExp(`^ab:(fix|up|down|del|full):${rows[i]!.public_id}$`));
        }
      }
    } finally {
      db.close();
    }
  });
});

describe('forged presses are refused politely, once, and change nothing', () => {
  let attempts = 0;
  let accepted = 0;

  /** Presses, then checks the single ephemeral refusal; counts the press as accepted otherwise. */
  async function forged(press: () => { token: string }, expected: string): Promise<void> {
    attempts += 1;
    const sent = press();
    const cb = await fake.firstCallback(sent.token);
    await fake.allHandled(); // so the checks below see everything the press made the bot send
    const refused = cb.type === 4 && (cb.data.flags & EPHEMERAL) === EPHEMERAL && refusals.includes(cb.data.content) && !cb.data.embeds?.length;
    if (!refused) accepted += 1;
    expect(cb.data.content).toBe(expected);
    expect(fake.requestsFor(sent.token).filter((r) => r.method === 'DELETE')).toEqual([]);
  }

  it('Show fix of a private answer, pressed by someone else', async () => {
    await forged(() => fake.press(privateA, 'Show fix', { user: stranger }), en.fixOnlyForAsker);
  });

  it('a button copied from another message: another user\'s private fix shown on my own answer', async () => {
    await forged(() => fake.press(publicB, 'Show fix', { user: stranger, customId: customId(privateA, 'Show fix') }), en.buttonNotForThisMessage);
    expect(JSON.stringify(fake.requests.slice(-3))).not.toContain('zorblax');
  });

  it('Delete by someone who neither asked nor moderates, with the message\'s own button', async () => {
    await forged(() => fake.press(publicA, 'Delete', { user: stranger }), en.deleteOnlyAskerOrModerator);
    expect(fake.messages.has(publicA.id)).toBe(true);
  });

  it('Delete with a custom_id naming another answer (mine), pressed on someone else\'s', async () => {
    await forged(() => fake.press(publicA, 'Delete', { user: stranger, customId: customId(publicB, 'Delete') }), en.buttonNotForThisMessage);
    expect(fake.messages.has(publicA.id)).toBe(true);
  });

  it('the old sequential ids: Delete carrying my user id, Show fix naming case 1', async () => {
    await forged(() => fake.press(publicA, 'Delete', { user: stranger, customId: `ab:del:${stranger.id}` }), en.buttonInactive);
    await forged(() => fake.press(publicB, 'Show fix', { user: stranger, customId: 'ab:fix:1:js/discord-unknown-interaction' }), en.buttonInactive);
    expect(fake.messages.has(publicA.id)).toBe(true);
  });

  it('votes on a private answer by someone else, and on a public one from another channel', async () => {
    await forged(() => fake.press(privateA, 'Helpful', { user: stranger }), en.voteOnlyOnVisible);
    await forged(() => fake.press(publicA, 'Wrong', { user: stranger, channelId: fake.helpChannelId }), en.voteOnlyOnVisible);
    expect(feedbackRows()).toEqual([]);
  });

  it('a well-formed id of a case that does not exist, and buttons on a message that is no answer', async () => {
    await forged(() => fake.press(publicA, 'Helpful', { user: stranger, customId: `ab:up:${newPublicId()}` }), en.buttonNotForThisMessage);
    const userMessage = fake.messagePayload({ author: stranger, content: 'hi' });
    await forged(() => fake.button(customId(publicA, 'Delete'), userMessage, { user: stranger }), en.buttonInactive);
    await forged(() => fake.button(customId(publicA, 'Show fix'), { ...publicA, id: fake.messagePayload().id }, { user: stranger }), en.buttonInactive);
  });

  it('garbage custom_ids, and a real one with one character changed', async () => {
    for (const id of ['', ':', 'ab', 'ab:fix', 'ab:fix:', `ab:fix:${'A'.repeat(22)}:extra`, 'x'.repeat(100), 'ab:del:../../etc', '\u0000\u202e☃']) {
      await forged(() => fake.press(publicA, 'Show fix', { user: stranger, customId: id }), en.buttonInactive);
    }
    const real = customId(publicA, 'Helpful');
    const altered = real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A');
    await forged(() => fake.press(publicA, 'Helpful', { user: stranger, customId: altered }), en.buttonNotForThisMessage);
  });

  it('a replayed interaction is acknowledged once', async () => {
    attempts += 1;
    const first = fake.press(publicA, 'Delete', { user: stranger });
    await fake.firstCallback(first.token);
    fake.replay(first.token);
    // Interactions are read in order: once a later one is answered, the replay has been seen too.
    await fake.firstCallback(fake.press(publicA, 'Show fix', { user: stranger }).token);
    if (fake.callbacksOf(first.token).length !== 1) accepted += 1;
    expect(fake.callbacksOf(first.token)).toHaveLength(1);
    expect(fake.messages.has(publicA.id)).toBe(true);
  });

  it(`accepted none of the forged presses`, () => {
    expect(attempts).toBe(22);
    expect(accepted).toBe(0);
  });
});

describe('the presses that are allowed still work', () => {
  it('Show fix: the asker on a private answer, anyone on a public one', async () => {
    const own = await fake.firstCallback(fake.press(privateA, 'Show fix', { user: asker }).token);
    expect(own.data.embeds[0].title).toMatch(/How to fix/);
    const other = await fake.firstCallback(fake.press(publicA, 'Show fix', { user: stranger }).token);
    expect(other.data.embeds[0].title).toMatch(/How to fix/);
  });

  it('Full explanation: anyone who can see a public answer gets the rule\'s page, to themselves, with the whole page as a file', async () => {
    const page = await fake.firstCallback(fake.press(publicA, 'Full explanation', { user: stranger }).token);
    expect(page.data.flags).toBe(64);
    expect(page.data.embeds[0].footer.text).toMatch(/^(py|js)\/[a-z-]+$/);
    expect(page.data.embeds[0].description).toContain(`**${en.rulePage.whatHappened}**`);
    expect(page.files.map((f: { name: string }) => f.name)).toEqual([`${page.data.embeds[0].footer.text.split('/')[1]}.md`]);
    expect(page.files[0]!.text).toContain(`## ${en.rulePage.examples}`);
  });

  it('votes: one per user per case, the last one counts; the asker may rate a private answer', async () => {
    for (const label of ['Helpful', 'Helpful', 'Wrong']) {
      const cb = await fake.firstCallback(fake.press(publicA, label, { user: stranger }).token);
      expect(cb.data.content).toBe(label === 'Helpful' ? en.thanksHelpful : en.thanksWrong);
    }
    await fake.firstCallback(fake.press(privateA, 'Helpful', { user: asker }).token);
    const publicId = (m: typeof publicA) => customId(m, 'Helpful').slice('ab:up:'.length);
    expect(feedbackRows()).toEqual(
      [
        { user_id: stranger.id, vote: 'wrong', public_id: publicId(publicA) },
        { user_id: asker.id, vote: 'helpful', public_id: publicId(privateA) },
      ].sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
  });

  it('Delete: a moderator on anyone\'s answer, the asker on their own', async () => {
    const mod = fake.press(publicB, 'Delete', { user: moderator, permissions: MANAGE_MESSAGES });
    expect((await fake.firstCallback(mod.token)).type).toBe(6);
    await fake.waitFor(() => !fake.messages.has(publicB.id), 5000, 'the moderator\'s delete');
    const own = fake.press(publicA, 'Delete', { user: asker });
    expect((await fake.firstCallback(own.token)).type).toBe(6);
    await fake.waitFor(() => !fake.messages.has(publicA.id), 5000, 'the asker\'s delete');
  });
});

describe('attachments from anywhere but Discord\'s CDN', () => {
  it('are not downloaded; the user is told why', async () => {
    const hits: string[] = [];
    const internal = http.createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(200, { 'content-type': 'text/plain' }).end(paste);
    });
    await new Promise<void>((resolve) => internal.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(internal.address() as AddressInfo).port}/admin/message.txt`;
      const attachment = { id: fake.messagePayload().id, filename: 'message.txt', size: paste.length, url, proxy_url: url, content_type: 'text/plain; charset=utf-8' };
      const target = fake.messagePayload({ content: '', attachments: [attachment] });
      const menu = fake.contextMenu('Explain async error', target);
      await fake.waitFor(() => fake.requestsFor(menu.token).some((r) => r.path.startsWith('/webhooks/')), 5000, 'the answer');
      expect(JSON.stringify(fake.requestsFor(menu.token).map((r) => r.body))).toContain(en.attachmentNotFromDiscord('message.txt'));
      expect(hits).toEqual([]);
    } finally {
      internal.closeAllConnections();
      await new Promise((resolve) => internal.close(resolve));
    }
  });
});
