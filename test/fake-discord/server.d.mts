/** Types for the fake Discord (server.mjs), for the TypeScript test suites. */
/* eslint-disable @typescript-eslint/no-explicit-any */

export function snowflake(): string;
export function messageViolations(body: unknown): string[];

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  auth: string | null;
  body: any;
  files: { field: string; name: string; size: number; text: string }[];
  at: number;
  rateLimited?: boolean;
}

export interface Callback {
  type: number;
  data: any;
  files: { field: string; name: string; size: number; text: string }[];
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
  channelId?: string;
  guild?: boolean;
}

export class FakeDiscord {
  constructor(options?: { token?: string; interactionDeadlineMs?: number; applicationId?: string; guildId?: string; channelId?: string; helpChannelId?: string });
  token: string;
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
  dispatch(t: string, d: unknown): void;
  /** The full GUILD_CREATE payload of the fake guild (for GUILD_UPDATE dispatches). */
  guildPayload(): Record<string, unknown>;
  dropGateway(code?: number): void;
  ready(opts?: { timeoutMs?: number }): Promise<void>;
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
  messagePayload(opts?: { content?: string; author?: FakeUser; channelId?: string; attachments?: any[]; id?: string; bot?: boolean }): any;
  messageCreate(message: any, opts?: { raw?: boolean }): boolean;
  messageUpdate(message: any, opts?: { raw?: boolean }): boolean;
  rateLimitNext(pathPart: string, count?: number, retryAfterSeconds?: number): void;
  callbacksOf(token: string): Callback[];
  requestsFor(token: string): RecordedRequest[];
  firstCallback(token: string, timeoutMs?: number): Promise<Callback>;
  waitFor(predicate: () => boolean, timeoutMs?: number, what?: string): Promise<void>;
}
