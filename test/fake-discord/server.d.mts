/** Types for the fake Discord (server.mjs), for the TypeScript test suites. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function snowflake(): string;
export function messageViolations(body: unknown): string[];
/** Discord's shard formula: the shard of `count` that receives guild `guildId`'s events. */
export function shardOf(guildId: string, count: number): number;
/** A fresh snowflake whose guild events go to shard `shard` of `count`. */
export function snowflakeOnShard(shard: number, count: number): string;

export interface FakeGuild {
  id: string;
  channelId: string;
  helpChannelId: string;
}

export interface Dispatched {
  shard: number;
  sequence: number;
  t: string;
  handled: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  auth: string | null;
  body: any;
  files: { field: string; name: string; size: number; text: string; data: Buffer }[];
  at: number;
  rateLimited?: boolean;
}

export interface Callback {
  type: number;
  data: any;
  files: { field: string; name: string; size: number; text: string; data: Buffer }[];
  at: number;
  latencyMs: number;
  lateBy?: number;
  query: Record<string, string>;
}

export interface FakeUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: null;
  bot?: boolean;
}

export interface SentInteraction {
  id: string;
  token: string;
  user: FakeUser;
}

export interface InteractionOptions {
  user?: FakeUser;
  permissions?: string;
  message?: any;
  /** The guild it happens in (default: the fake's first guild); it is dispatched to that guild's shard. */
  guildId?: string;
  channelId?: string;
  guild?: boolean;
  /** The user's Discord language (default en-US). */
  locale?: string;
}

export class FakeDiscord {
  constructor(options?: { token?: string; interactionDeadlineMs?: number; applicationId?: string; guildId?: string; channelId?: string; helpChannelId?: string; shards?: number; maxConcurrency?: number });
  token: string;
  shardCount: number;
  maxConcurrency: number;
  guilds: Map<string, FakeGuild>;
  dispatched: Dispatched[];
  identifyViolations: { shard: number; bucket: number; sinceLastMs: number }[];
  /** Where a bot started with AWAITBOT_EVENT_RECEIPTS_URL reports each event it finished with. */
  receiptsUrl: string;
  applicationId: string;
  botUser: FakeUser;
  guildId: string;
  channelId: string;
  helpChannelId: string;
  requests: RecordedRequest[];
  violations: any[];
  identifies: any[];
  resumes: number;
  intents?: number;
  messages: Map<string, any>;
  registered?: { guildId: string | null; commands: any[] };
  port: number;
  base: string;
  apiUrl: string;
  start(): Promise<this>;
  close(): Promise<void>;
  /** Dispatches to the shard Discord would: a guild's event to `(guild_id >> 22) % count`, anything else to shard 0. */
  dispatch(t: string, d: unknown): void;
  /** Resolves once the bot has reported finishing every event dispatched so far (needs AWAITBOT_EVENT_RECEIPTS_URL). */
  allHandled(opts?: { timeoutMs?: number }): Promise<void>;
  /** Adds a guild (one on shard `shard`, when given); call before the bot connects. */
  addGuild(opts?: { shard?: number; id?: string }): FakeGuild;
  /** `[id, count]` of every identified, connected shard. */
  connectedShards(): [number, number][];
  /** The full GUILD_CREATE payload of a guild (default the first; for GUILD_UPDATE dispatches). */
  guildPayload(guildId?: string): Record<string, unknown>;
  dropGateway(code?: number): void;
  /** Resolves once every shard has identified and is connected. */
  ready(opts?: { timeoutMs?: number }): Promise<void>;
  /** The environment that points a bot process at this fake (with `receipts`, AWAITBOT_EVENT_RECEIPTS_URL too). */
  botEnvironment(opts: { home: string; databasePath: string; receipts?: boolean }): Record<string, string>;
  addAttachment(name: string, content: string | Buffer, opts?: { contentType?: string | null; status?: number }): any;
  user(id?: string, name?: string): FakeUser;
  member(user: FakeUser, permissions?: string): any;
  interaction(opts: InteractionOptions & { type: number; data: any }): SentInteraction;
  slash(name: string, options?: any[], extra?: InteractionOptions & { resolved?: any }): SentInteraction;
  autocomplete(name: string, optionName: string, value: string, extra?: InteractionOptions): SentInteraction;
  contextMenu(name: string, target: any, extra?: InteractionOptions): SentInteraction;
  button(customId: string, message: any, extra?: InteractionOptions): SentInteraction;
  /** Presses the button labelled `label` on `message` in its channel; `customId` sends another custom_id (forged or copied). */
  press(message: any, label: string, extra?: InteractionOptions & { customId?: string }): SentInteraction;
  /** The message the interaction's answer became (reply or newest follow-up), as stored; null when none is left. */
  answerMessage(token: string): any | null;
  /** Dispatches interaction `token` again, unchanged. */
  replay(token: string): void;
  modalSubmit(customId: string, values: Record<string, string>, extra?: InteractionOptions): SentInteraction;
  messagePayload(opts?: { content?: string; author?: FakeUser; guildId?: string; channelId?: string; attachments?: any[]; id?: string; bot?: boolean }): any;
  messageCreate(message: any, opts?: { raw?: boolean }): boolean;
  messageUpdate(message: any, opts?: { raw?: boolean }): boolean;
  rateLimitNext(pathPart: string, count?: number, retryAfterSeconds?: number): void;
  callbacksOf(token: string): Callback[];
  requestsFor(token: string): RecordedRequest[];
  firstCallback(token: string, timeoutMs?: number): Promise<Callback>;
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
}
