/**
 * The fake Discord serves several shards as Discord does: `GET /gateway/bot`
 * recommends a count and `max_concurrency`, each connection IDENTIFYs as
 * `[id, count]`, and a guild's events reach only shard `(guild_id >> 22) % count`.
 * Checked with plain gateway clients, so what each shard receives is exact.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FakeDiscord, shardOf, snowflakeOnShard } from './server.mjs';

interface Packet {
  op: number;
  t: string | null;
  s: number | null;
  d: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A bare gateway connection: identifies as `[id, count]` and keeps every packet it receives. */
class GatewayClient {
  packets: Packet[] = [];
  closeCode: number | null = null;
  private waiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw) => {
      this.packets.push(JSON.parse(String(raw)) as Packet);
      this.wake();
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  static async connect(fake: FakeDiscord, shard: [number, number]): Promise<GatewayClient> {
    const ws = new WebSocket(`ws://127.0.0.1:${fake.port}/gateway`);
    const client = new GatewayClient(ws);
    await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
    ws.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 1, properties: {}, shard } }));
    return client;
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves once `predicate` holds for what arrived (or the connection closed). */
  async until(predicate: () => boolean): Promise<void> {
    while (!predicate()) {
      if (this.closeCode !== null) throw new Error(`connection closed (${this.closeCode})`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async closed(): Promise<number> {
    while (this.closeCode === null) await new Promise<void>((resolve) => this.waiters.push(resolve));
    return this.closeCode;
  }

  dispatches(t: string): Packet[] {
    return this.packets.filter((p) => p.op === 0 && p.t === t);
  }
}

let fake: FakeDiscord;
let clients: GatewayClient[] = [];

beforeEach(async () => {
  fake = await new FakeDiscord({ shards: 3, maxConcurrency: 3 }).start();
  clients = [];
});

afterEach(async () => {
  for (const c of clients) c.ws.terminate();
  await fake.close();
});

async function connectAll(count = 3): Promise<GatewayClient[]> {
  for (let id = 0; id < count; id++) clients.push(await GatewayClient.connect(fake, [id, count]));
  await Promise.all(clients.map((c) => c.until(() => c.dispatches('READY').length === 1)));
  return clients;
}

describe('fake Discord with several shards', () => {
  it('recommends its shard count and max_concurrency in GET /gateway/bot', async () => {
    const res = await fetch(`${fake.apiUrl}/v10/gateway/bot`, { headers: { authorization: `Bot ${fake.token}` } });
    const body = (await res.json()) as { shards: number; url: string; session_start_limit: { max_concurrency: number } };
    expect(body.shards).toBe(3);
    expect(body.session_start_limit.max_concurrency).toBe(3);
    expect(body.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/gateway$/);
  });

  it('gives each shard READY with its own [id, count] and only the guilds the formula sends it', async () => {
    const extra = [0, 1, 2, 2].map((shard) => fake.addGuild({ shard }).id);
    await connectAll();
    for (const [id, client] of clients.entries()) {
      const ready = client.dispatches('READY')[0]!;
      expect(ready.d.shard).toEqual([id, 3]);
      const expected = [fake.guildId, ...extra].filter((g) => shardOf(g, 3) === id).sort();
      expect(ready.d.guilds.map((g: { id: string }) => g.id).sort()).toEqual(expected);
      await client.until(() => client.dispatches('GUILD_CREATE').length === expected.length);
      expect(client.dispatches('GUILD_CREATE').map((p) => p.d.id).sort()).toEqual(expected);
    }
    expect(fake.connectedShards().map(([id]) => id).sort()).toEqual([0, 1, 2]);
  });

  it('routes a guild\'s interactions and messages to its shard only, and DMs to shard 0', async () => {
    const onTwo = fake.addGuild({ shard: 2 });
    const onOne = fake.addGuild({ shard: 1 });
    await connectAll();
    const slash = fake.slash('explain', [], { guildId: onTwo.id });
    fake.messageCreate(fake.messagePayload({ content: 'hello', guildId: onOne.id }), { raw: true });
    const dm = fake.slash('explain', [], { guild: false });
    await clients[2]!.until(() => clients[2]!.dispatches('INTERACTION_CREATE').length === 1);
    await clients[1]!.until(() => clients[1]!.dispatches('MESSAGE_CREATE').length === 1);
    await clients[0]!.until(() => clients[0]!.dispatches('INTERACTION_CREATE').length === 1);
    expect(clients[2]!.dispatches('INTERACTION_CREATE')[0]!.d.token).toBe(slash.token);
    expect(clients[2]!.dispatches('INTERACTION_CREATE')[0]!.d.guild_id).toBe(onTwo.id);
    expect(clients[1]!.dispatches('MESSAGE_CREATE')[0]!.d.channel_id).toBe(onOne.channelId);
    expect(clients[0]!.dispatches('INTERACTION_CREATE')[0]!.d.token).toBe(dm.token);
    // Nothing reached a shard it does not belong to: each connection's sequence shows every dispatch it got.
    expect(clients.map((c) => c.dispatches('INTERACTION_CREATE').length + c.dispatches('MESSAGE_CREATE').length)).toEqual([1, 1, 1]);
    expect(fake.dispatched.filter((e) => e.t === 'INTERACTION_CREATE').map((e) => e.shard).sort()).toEqual([0, 2]);
  });

  it('numbers each shard\'s dispatches as its own session', async () => {
    const added = fake.addGuild({ shard: 1 });
    await connectAll();
    // The fake's own guild may fall on shard 1 too (its id is random): wait for every guild the shard owns.
    const owned = [fake.guildId, added.id].filter((g) => shardOf(g, 3) === 1).length;
    await clients[1]!.until(() => clients[1]!.dispatches('GUILD_CREATE').length >= owned);
    const sequences = clients[1]!.packets.filter((p) => p.op === 0).map((p) => p.s);
    expect(sequences).toEqual(sequences.map((_, i) => i + 1));
  });

  it('closes a connection whose shard makes no sense (4010) or that has too few shards (4011)', async () => {
    const outOfRange = await GatewayClient.connect(fake, [3, 3]);
    const tooFew = await GatewayClient.connect(fake, [0, 2]);
    clients.push(outOfRange, tooFew);
    expect(await outOfRange.closed()).toBe(4010);
    expect(await tooFew.closed()).toBe(4011);
  });

  it('records IDENTIFYs that break max_concurrency (one per bucket per 5 seconds)', async () => {
    await connectAll();
    expect(fake.identifyViolations).toEqual([]); // three buckets, one IDENTIFY each
    clients.push(await GatewayClient.connect(fake, [1, 3]));
    await clients[3]!.until(() => clients[3]!.dispatches('READY').length === 1);
    expect(fake.identifyViolations).toMatchObject([{ shard: 1, bucket: 1 }]);
  });
});

describe('snowflakeOnShard', () => {
  it('makes snowflakes Discord would send to the asked shard', () => {
    for (const count of [1, 2, 4, 7]) for (let shard = 0; shard < count; shard++) expect(shardOf(snowflakeOnShard(shard, count), count)).toBe(shard);
    expect(snowflakeOnShard(3, 4)).toMatch(/^\d{17,19}$/);
  });
});
