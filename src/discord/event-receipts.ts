/**
 * Event receipts (AWAITBOT_EVENT_RECEIPTS_URL): once the bot has finished with
 * a gateway event — every handler it started for it has settled, and so every
 * message it sent for it has been answered — it POSTs `{shard, sequence, type}`
 * to that URL. The project's fake Discord serves it, so tests and load tests
 * wait for the bot to be done with an event instead of waiting for a time, and
 * a check that nothing was sent really checks. Off unless the URL is set.
 */
import type { Client, GatewayDispatchPayload } from 'discord.js';
import { log } from '../log.js';

export class EventReceipts {
  /** The handlers started for the event being dispatched now (discord.js emits them synchronously after `raw`). */
  #current: Promise<unknown>[] | null = null;

  constructor(private readonly url: string) {}

  /** Starts reporting on `client`'s events. */
  attach(client: Client): void {
    client.on('raw', (packet: GatewayDispatchPayload, shard: number) => {
      const work: Promise<unknown>[] = [];
      this.#current = work;
      // Runs after discord.js has handled the packet and emitted its events, so `work` holds every handler.
      queueMicrotask(() => {
        if (this.#current === work) this.#current = null;
        void Promise.allSettled(work).then(() => this.#send({ shard, sequence: packet.s, type: packet.t }));
      });
    });
  }

  /** Counts `handler` as part of the event being dispatched now. */
  track(handler: Promise<unknown>): void {
    this.#current?.push(handler);
  }

  async #send(receipt: { shard: number; sequence: number; type: string }): Promise<void> {
    // A lost receipt would leave its test waiting: a failed attempt (a connection reset under load) is tried again.
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(receipt) });
        return;
      } catch (e) {
        if (attempt === 3) log.warn({ err: e, receipt }, 'event receipt not delivered');
      }
    }
  }
}
