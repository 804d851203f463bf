/**
 * The guarded-connection promise for PostgreSQL: the server stops and starts
 * again in the middle of a burst of cases (pg_ctl stop -m fast, then start);
 * every case whose reply went out is in the database afterwards, exactly once,
 * under the id its reply was given, with the message that answered it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { log } from '../../src/log.js';
import { PgStore } from '../../src/store/index.js';
import { useStoreBackends } from './backends.js';
import { rawRows, sampleCase, tempDir } from './helpers.js';

const backends = useStoreBackends();
let url: string;
let cleanup: () => void;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  url = await backends.location('postgres', dir);
});

afterEach(() => {
  // A test that failed half-way must not leave the server stopped for the next one.
  try {
    backends.server().resume();
  } catch {
    // already running
  }
  cleanup();
});

/** Writes what waits until the queue is empty (each try waits for the server or fails at once). */
async function drained(store: PgStore): Promise<void> {
  while (!(await store.flush())) await new Promise((r) => setImmediate(r));
}

/** One "reply": the case is logged first (as explainText does), then the answer's message is recorded with it. */
async function reply(store: PgStore, n: number): Promise<{ publicId: string; id: number | null; messageId: string }> {
  const publicId = `burst-case-${String(n).padStart(4, '0')}-xxxxxxxx`;
  const id = await store.logCase(sampleCase({ publicId, paste: `async def f():\n    asyncio.sleep(${n})\n` }));
  const messageId = String(900000000000000000n + BigInt(n));
  if (id !== null) await store.attachReply(id, { messageId, public: true });
  return { publicId, id, messageId };
}

describe('PostgreSQL restarting in the middle of a burst', () => {
  it('loses no case whose reply was sent: they wait in memory, in order, and land once it is back', async () => {
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const infos = vi.spyOn(log, 'info');
    const store = new PgStore(url, { reopenAfterMs: 50 });
    const sent: Awaited<ReturnType<typeof reply>>[] = [];
    const burst = async (from: number, to: number) => {
      for (let n = from; n < to; n += 10) sent.push(...(await Promise.all(Array.from({ length: 10 }, (_, k) => reply(store, n + k)))));
    };
    try {
      await burst(0, 150);
      expect(store.pendingWrites).toBe(0);
      backends.server().pause();
      await burst(150, 300);
      // Replies went on while it was away: every case kept its reserved id or at least its place in the queue.
      expect(store.pendingWrites).toBeGreaterThan(0);
      backends.server().resume();
      await burst(300, 450);
      await drained(store);

      const rows = (await rawRows(url, 'SELECT id, public_id, reply_message_id FROM cases ORDER BY id')) as { id: string; public_id: string; reply_message_id: string | null }[];
      const byPublicId = new Map(rows.map((r) => [r.public_id, r]));
      expect(rows).toHaveLength(450);
      expect(sent.filter((s) => !byPublicId.has(s.publicId))).toEqual([]);
      // The ids handed out during the outage are the rows' ids, and the answers' messages point at them.
      expect(sent.filter((s) => s.id !== null && Number(byPublicId.get(s.publicId)!.id) !== s.id)).toEqual([]);
      expect(sent.filter((s) => s.id !== null && byPublicId.get(s.publicId)!.reply_message_id !== s.messageId)).toEqual([]);
      // Ids reserved while it answered covered at least the first 128 replies of the outage (pg-store.ts).
      expect(sent.slice(150, 278).filter((s) => s.id === null)).toEqual([]);
      expect(await store.caseForReply(sent[200]!.messageId)).toMatchObject({ publicId: sent[200]!.publicId });

      // Logged once when it went away, once when it came back; no paste in the log.
      expect(errors.mock.calls.filter((c) => /database failed/.test(String(c[1])))).toHaveLength(1);
      expect(infos.mock.calls.some((c) => /recovered/.test(String(c[1])))).toBe(true);
      expect(JSON.stringify(errors.mock.calls)).not.toContain('asyncio.sleep');
    } finally {
      await store.close();
    }
  });

  it('with the queue full, refuses new cases (logged once) and keeps the ones already waiting', async () => {
    const errors = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const store = new PgStore(url, { reopenAfterMs: 50, queueLimit: 5 });
    try {
      expect(await store.logCase(sampleCase({ paste: 'before' }))).not.toBeNull();
      backends.server().pause();
      const during = [];
      for (let n = 0; n < 8; n++) during.push(await store.logCase(sampleCase({ paste: `during ${n}` })));
      expect(store.pendingWrites).toBe(5);
      expect(during.slice(5)).toEqual([null, null, null]);
      expect(errors.mock.calls.filter((c) => /queue of waiting writes is full/.test(String(c[1])))).toHaveLength(1);
      backends.server().resume();
      await drained(store);
      const pastes = ((await rawRows(url, 'SELECT paste FROM cases ORDER BY id')) as { paste: string }[]).map((r) => r.paste);
      expect(pastes).toEqual(['before', 'during 0', 'during 1', 'during 2', 'during 3', 'during 4']);
      expect(await store.health()).toMatchObject({ ok: true, cases: 6 });
    } finally {
      await store.close();
    }
  });

  it('a server that is not there at start: replies go on, moderators are told, and it is used once it comes', async () => {
    backends.server().pause();
    const store = new PgStore(url, { reopenAfterMs: 50 });
    try {
      expect(await store.logCase(sampleCase({ paste: 'first, while down' }))).toBeNull();
      expect(await store.getSettings('g')).toMatchObject({ watchChannels: [], autoReply: false });
      await expect(store.stats({ days: 7 })).rejects.toThrow(/unavailable|could not answer/);
      expect(await store.health()).toMatchObject({ ok: false, path: expect.not.stringContaining('password') });
      backends.server().resume();
      await drained(store);
      expect(await store.logCase(sampleCase({ paste: 'second' }))).not.toBeNull();
      expect((await store.stats({ days: 7 })).cases).toBe(2);
    } finally {
      await store.close();
    }
  });
});
