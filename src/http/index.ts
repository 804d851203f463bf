/** The HTTP interactions endpoint's entry point: `awaitbot serve` starts it through here. */
import type { AddressInfo } from 'node:net';
import { rulesById } from '../app/answer-buttons.js';
import { RecentCases } from '../app/cases.js';
import type { Services } from '../app/services.js';
import type { Config } from '../config.js';
import type { DiscordReply } from '../render/discord.js';
import { messageData, multipartBody } from './interactions.js';
import { createInteractionsServer } from './server.js';
import { publicKeyFromHex } from './signature.js';

export interface ServeOptions {
  port: number;
  host: string;
}

/** Discord's REST API, or the fake Discord's in tests (DISCORD_API_URL). */
function apiBase(config: Config): string {
  return config.discordApiUrl ?? 'https://discord.com/api/v10';
}

/** Runs until SIGINT/SIGTERM; `ready` hears the address it listens on. Resolves to the exit code. */
export async function runServe(services: Services, config: Config, publicKeyHex: string, options: ServeOptions, ready: (url: string) => void): Promise<number> {
  const base = apiBase(config);
  const webhook = (applicationId: string, token: string) => `${base}/webhooks/${encodeURIComponent(applicationId)}/${encodeURIComponent(token)}`;
  async function call(method: string, url: string, reply: DiscordReply | null, payload: Record<string, unknown> | null = reply && messageData(reply)): Promise<void> {
    // fetch sets the multipart content type (with its boundary) itself.
    const res =
      reply && payload && reply.files.length
        ? await fetch(url, { method, body: multipartBody(payload, reply.files) })
        : await fetch(url, { method, ...(payload ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) } : {}) });
    if (!res.ok) throw new Error(`${method} ${url.replace(/\/webhooks\/.*$/, '/webhooks/…')} answered ${res.status}`);
  }
  const rest = {
    async deliverDeferred(applicationId: string, token: string, reply: DiscordReply, placeholderEphemeral: boolean): Promise<void> {
      if (reply.ephemeral === placeholderEphemeral) {
        // An edit cannot change a message's visibility: the placeholder's flags stay as they are.
        const { flags: _flags, ...edit } = messageData(reply);
        return call('PATCH', `${webhook(applicationId, token)}/messages/@original`, reply, edit);
      }
      // The placeholder's visibility cannot change: replace it with a follow-up.
      await call('DELETE', `${webhook(applicationId, token)}/messages/@original`, null).catch(() => {});
      return call('POST', webhook(applicationId, token), reply);
    },
    deleteOriginal: (applicationId: string, token: string) => call('DELETE', `${webhook(applicationId, token)}/messages/@original`, null),
  };
  const server = createInteractionsServer(publicKeyFromHex(publicKeyHex), {
    services,
    recent: new RecentCases(),
    ruleById: rulesById(services.rules),
    rateLimit: config.rateLimit,
    ...rest,
  });
  // Listen only once every worker has loaded its engine (as the gateway bot waits before going online):
  // a copy that joined a load balancer earlier would defer its first answers while loading, and the
  // loading would take CPU from the requests it is already taking.
  await Promise.all(Array.from({ length: config.diagnosisThreads }, () => services.diagnoser.ready()));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ready(`http://${options.host}:${port}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await services.diagnoser.close();
  await services.store.close();
  return 0;
}
