// The project's own fake Discord: REST under /api/v10 and a gateway WebSocket,
// both on 127.0.0.1, speaking what discord.js 14.28 needs (the routes and
// gateway events it uses, shaped as Discord's API documents them). It records every request the bot makes,
// checks Discord's limits on everything the bot sends, and enforces the
// interaction rules (3-second deadline, one acknowledgement per interaction).
// It serves several shards as Discord does: `GET /gateway/bot` recommends a
// shard count, each connection IDENTIFYs as `[id, count]`, and a guild's
// events go only to shard `(guild_id >> 22) % count`. A bot started with
// AWAITBOT_EVENT_RECEIPTS_URL pointing at `receiptsUrl` reports when it has
// finished with each event, so a test can wait for that instead of a time.
//
// Plain JavaScript so that the vitest suites and `bench/discord.mjs` share it.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';

const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedTotal: 6000,
  rows: 5,
  perRow: 5,
  components: 40,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
  modalComponents: 5,
  modalLabel: 45,
  textInput: 4000,
  files: 10,
};

let snowflakeCounter = 0n;
/** A 19-digit snowflake-looking id (discord.js keys its queues on /\d{17,19}/). */
export function snowflake() {
  snowflakeCounter += 1n;
  return String(1_100_000_000_000_000_000n + BigInt(Date.now() % 1_000_000) * 1_000_000n + snowflakeCounter);
}

/** Discord's shard formula: the shard that receives guild `guildId`'s events, of `count`. */
export function shardOf(guildId, count) {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** A fresh snowflake whose guild events go to shard `shard` of `count`. */
export function snowflakeOnShard(shard, count) {
  const id = BigInt(snowflake());
  const high = id >> 22n;
  const moved = high + ((BigInt(shard) - (high % BigInt(count)) + BigInt(count)) % BigInt(count));
  return String((moved << 22n) | (id & 0x3fffffn));
}

/** Discord's identify rule: one IDENTIFY per 5 seconds for each bucket `shard % max_concurrency`. */
const identifyWindowMs = 5000;

/** Checks a message body against Discord's limits; returns a list of violations (empty when fine). */
export function messageViolations(body) {
  const v = [];
  if (!body || typeof body !== 'object') return ['body is not an object'];
  if (typeof body.content === 'string' && [...body.content].length > LIMITS.content) v.push(`content ${body.content.length} > 2000`);
  const embeds = body.embeds ?? [];
  if (embeds.length > LIMITS.embeds) v.push(`${embeds.length} embeds > 10`);
  let total = 0;
  for (const e of embeds) {
    const len = (s) => (typeof s === 'string' ? s.length : 0);
    if (len(e.title) > LIMITS.embedTitle) v.push(`embed title ${len(e.title)} > 256`);
    if (len(e.description) > LIMITS.embedDescription) v.push(`embed description ${len(e.description)} > 4096`);
    const fields = e.fields ?? [];
    if (fields.length > LIMITS.embedFields) v.push(`${fields.length} fields > 25`);
    for (const f of fields) {
      if (!f.name || len(f.name) > LIMITS.fieldName) v.push(`field name ${len(f.name)} not in 1..256`);
      if (!f.value || len(f.value) > LIMITS.fieldValue) v.push(`field value ${len(f.value)} not in 1..1024`);
      total += len(f.name) + len(f.value);
    }
    if (len(e.footer?.text) > LIMITS.footer) v.push('footer > 2048');
    if (len(e.author?.name) > LIMITS.author) v.push('author > 256');
    total += len(e.title) + len(e.description) + len(e.footer?.text) + len(e.author?.name);
  }
  if (total > LIMITS.embedTotal) v.push(`embeds total ${total} > 6000`);
  const rows = body.components ?? [];
  if (rows.length > LIMITS.rows) v.push(`${rows.length} rows > 5`);
  let count = 0;
  for (const row of rows) {
    count += 1;
    if (row.type !== 1) continue;
    const items = row.components ?? [];
    if (items.length > LIMITS.perRow || items.length === 0) v.push(`row with ${items.length} components`);
    for (const c of items) {
      count += 1;
      if (c.custom_id !== undefined && (c.custom_id.length < 1 || c.custom_id.length > LIMITS.customId)) v.push(`custom_id length ${c.custom_id.length}`);
      if (c.type === 2 && c.style !== 5 && !c.custom_id) v.push('button without custom_id');
      if (typeof c.label === 'string' && c.label.length > LIMITS.buttonLabel) v.push(`button label ${c.label.length} > 80`);
    }
  }
  if (count > LIMITS.components) v.push(`${count} components > 40`);
  const am = body.allowed_mentions;
  if (am && am.parse && (am.users?.length ?? 0) > 0 && am.parse.includes('users')) v.push('allowed_mentions parse users together with users list');
  return v;
}

function modalViolations(data) {
  const v = [];
  if (!data?.custom_id || data.custom_id.length > LIMITS.customId) v.push('modal custom_id');
  if (!data?.title || data.title.length > LIMITS.modalTitle) v.push(`modal title ${data?.title?.length}`);
  const comps = data?.components ?? [];
  if (comps.length < 1 || comps.length > LIMITS.modalComponents) v.push(`modal with ${comps.length} components`);
  for (const c of comps) {
    if (c.type === 18 && (!c.label || c.label.length > LIMITS.modalLabel)) v.push('modal label');
    const input = c.type === 18 ? c.component : c.components?.[0];
    if (input && (input.max_length ?? 0) > LIMITS.textInput) v.push(`text input max_length ${input.max_length}`);
  }
  return v;
}

function choicesViolations(data) {
  const v = [];
  const choices = data?.choices ?? [];
  if (choices.length > LIMITS.choices) v.push(`${choices.length} choices > 25`);
  for (const c of choices) {
    if (!c.name || c.name.length > LIMITS.choiceName) v.push(`choice name ${c.name?.length}`);
    if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > LIMITS.choiceValue)) v.push(`choice value ${c.value.length}`);
  }
  return v;
}

async function readBody(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Parses a JSON or multipart body as discord.js sends it: `{json, files: [{name, size, text, data}]}` (data: the file's bytes). */
async function parseBody(req, raw) {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files = [];
    let json = null;
    for (const [key, value] of form.entries()) {
      if (key === 'payload_json') json = JSON.parse(String(value));
      else if (typeof value === 'object') {
        const data = Buffer.from(await value.arrayBuffer());
        files.push({ field: key, name: value.name, size: value.size, text: data.toString('utf8'), data });
      }
    }
    return { json, files };
  }
  if (raw.length === 0) return { json: null, files: [] };
  try {
    return { json: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    return { json: null, files: [], invalid: true };
  }
}

export class FakeDiscord {
  constructor(options = {}) {
    this.token = options.token ?? 'fake-bot-token';
    this.interactionDeadlineMs = options.interactionDeadlineMs ?? 3000;
    this.applicationId = options.applicationId ?? snowflake();
    this.botUser = { id: this.applicationId, username: 'awaitbot', discriminator: '0', global_name: null, avatar: null, bot: true };
    /** The shard count `GET /gateway/bot` recommends, and how many shards may identify at once. */
    this.shardCount = options.shards ?? 1;
    this.maxConcurrency = options.maxConcurrency ?? 1;
    this.guildId = options.guildId ?? snowflake();
    this.channelId = options.channelId ?? snowflake();
    this.helpChannelId = options.helpChannelId ?? snowflake();
    this.roleEveryone = this.guildId;
    /** Every guild the bot is in: id → its text channels. The first is `guildId`; `addGuild` adds more. */
    this.guilds = new Map([[this.guildId, { id: this.guildId, channelId: this.channelId, helpChannelId: this.helpChannelId }]]);
    /** Each shard's session sequence number (it carries over a RESUME, as Discord's does). */
    this.sequences = new Map();
    /** Every dispatch sent: {shard, sequence, t, handled}; `handled` turns true when the bot's receipt for it arrives. */
    this.dispatched = [];
    /** IDENTIFYs that broke the max_concurrency rule (a correct bot sends none). */
    this.identifyViolations = [];
    /** Every request the bot made: {method, path, query, headers, body, files, at}. */
    this.requests = [];
    /** Limit violations found in what the bot sent (a correct bot has none). */
    this.violations = [];
    /** IDENTIFY payloads received. */
    this.identifies = [];
    this.resumes = 0;
    this.interactions = new Map();
    this.messages = new Map();
    this.attachments = new Map();
    this.rateLimits = [];
    this.waiters = [];
    this.sockets = new Set();
    this.sessionId = randomUUID();
  }

  async start() {
    this.http = http.createServer((req, res) => {
      this.#handle(req, res).catch((e) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(e?.message ?? e), code: 0 }));
      });
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.http.on('upgrade', (req, socket, head) => {
      if (!req.url.startsWith('/gateway')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.#onSocket(ws));
    });
    // Longer than any client's idle keep-alive, so the server never closes a socket a request is being sent on.
    this.http.keepAliveTimeout = 120_000;
    await new Promise((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.port = this.http.address().port;
    this.base = `http://127.0.0.1:${this.port}`;
    this.apiUrl = `${this.base}/api`;
    this.receiptsUrl = `${this.base}/receipts`;
    return this;
  }

  async close() {
    for (const ws of this.sockets) ws.terminate();
    this.wss?.close();
    this.http?.closeAllConnections?.();
    await new Promise((resolve) => this.http.close(() => resolve()));
  }

  // ---------- gateway ----------

  #send(ws, payload) {
    if (ws.readyState === 1) ws.send(JSON.stringify(payload));
  }

  #onSocket(ws) {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.#notify();
    });
    this.#send(ws, { op: 10, d: { heartbeat_interval: 41250 }, s: null, t: null });
    ws.on('message', (raw) => {
      let msg;
      try {
        msg = JSON.parse(String(raw));
      } catch {
        return;
      }
      if (msg.op === 1) this.#send(ws, { op: 11, d: null, s: null, t: null });
      else if (msg.op === 2) this.#identify(ws, msg.d);
      else if (msg.op === 6) this.#resume(ws, msg.d);
    });
  }

  #nextSequence(shard) {
    const s = (this.sequences.get(shard) ?? 0) + 1;
    this.sequences.set(shard, s);
    return s;
  }

  /** Sends dispatch `t` on connection `ws` and remembers it until the bot's receipt says it was handled. */
  #dispatchOn(ws, t, d) {
    if (ws.readyState !== 1) return;
    const entry = { shard: ws.shard[0], sequence: this.#nextSequence(ws.shard[0]), t, ws, handled: false };
    this.dispatched.push(entry);
    this.#send(ws, { op: 0, t, s: entry.sequence, d });
  }

  #resume(ws, d) {
    this.resumes += 1;
    const shard = this.sessions?.get(d?.session_id) ?? [0, this.shardCount];
    ws.identified = true;
    ws.shard = shard;
    this.#dispatchOn(ws, 'RESUMED', {});
    this.#notify();
  }

  #identify(ws, d) {
    const [id, count] = Array.isArray(d?.shard) ? d.shard : [0, 1];
    this.identifies.push(d);
    // Discord closes a connection whose shard makes no sense (4010) or that has too few shards for its guilds (4011).
    if (!Number.isInteger(id) || !Number.isInteger(count) || count < 1 || id < 0 || id >= count) return ws.close(4010, 'Invalid shard.');
    if (count < this.shardCount) return ws.close(4011, 'Sharding required.');
    const now = performance.now();
    const bucket = id % this.maxConcurrency;
    this.lastIdentify ??= new Map();
    const last = this.lastIdentify.get(bucket);
    if (last !== undefined && now - last < identifyWindowMs) this.identifyViolations.push({ shard: id, bucket, sinceLastMs: now - last });
    this.lastIdentify.set(bucket, now);
    ws.identified = true;
    ws.shard = [id, count];
    ws.intents = d.intents;
    this.intents = d.intents;
    const sessionId = count === 1 ? this.sessionId : randomUUID();
    (this.sessions ??= new Map()).set(sessionId, ws.shard);
    const mine = [...this.guilds.keys()].filter((g) => shardOf(g, count) === id);
    this.#dispatchOn(ws, 'READY', {
      v: 10,
      user: this.botUser,
      guilds: mine.map((g) => ({ id: g, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      shard: [id, count],
      application: { id: this.applicationId, flags: 0 },
    });
    for (const g of mine) this.#dispatchOn(ws, 'GUILD_CREATE', this.guildPayload(g));
    this.#notify();
  }

  /** Adds a guild the bot is in (by default one whose events go to shard `shard`); returns its ids. Call before the bot connects. */
  addGuild({ shard, id = shard === undefined ? snowflake() : snowflakeOnShard(shard, this.shardCount) } = {}) {
    const guild = { id, channelId: snowflake(), helpChannelId: snowflake() };
    this.guilds.set(id, guild);
    return guild;
  }

  /** The shards (`[id, count]`) that have identified and are still connected. */
  connectedShards() {
    return [...this.sockets].filter((ws) => ws.identified && ws.readyState === 1).map((ws) => ws.shard);
  }

  guildPayload(guildId = this.guildId) {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`no guild ${guildId}`);
    const channel = (id, name) => ({ id, type: 0, name, guild_id: guild.id, position: 0, permission_overwrites: [], parent_id: null, nsfw: false });
    return {
      id: guild.id,
      name: 'Fake Guild',
      icon: null,
      owner_id: '1100000000000000001',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      features: [],
      mfa_level: 0,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      preferred_locale: 'en-US',
      public_updates_channel_id: null,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      member_count: 3,
      voice_states: [],
      members: [],
      channels: [channel(guild.channelId, 'general'), channel(guild.helpChannelId, 'help')],
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      emojis: [],
      stickers: [],
      roles: [{ id: guild.id, name: '@everyone', permissions: '1071698660929', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 }],
    };
  }

  /**
   * Sends a dispatch as Discord routes it: a guild's event (`d.guild_id`, or
   * `d.id` of a GUILD_* event) to the shard `(guild_id >> 22) % count`, anything
   * else (a DM) to shard 0.
   */
  dispatch(t, d) {
    const guildId = d?.guild_id ?? (t.startsWith('GUILD_') ? d?.id : undefined);
    for (const ws of this.sockets) {
      if (!ws.identified) continue;
      const [id, count] = ws.shard;
      if (guildId !== undefined ? shardOf(guildId, count) === id : id === 0) this.#dispatchOn(ws, t, d);
    }
  }

  /**
   * Resolves once the bot has finished with every event dispatched so far
   * (its receipt for each has arrived), so a test can then check what was,
   * and was not, sent. Events on a connection that closed before they were
   * handled are not waited for.
   */
  async allHandled({ timeoutMs = 10000 } = {}) {
    const pending = this.dispatched.filter((e) => !e.handled);
    const missing = () => pending.filter((e) => !e.handled && e.ws.readyState <= 1);
    const named = (list) => list.slice(0, 10).map((e) => `${e.t}#${e.sequence}@shard${e.shard}`).join(', ') + (list.length > 10 ? ` and ${list.length - 10} more` : '');
    await this.waitFor(() => missing().length === 0, timeoutMs, 'receipts').catch(() => {
      throw new Error(`timed out waiting for the bot's receipts for ${named(missing())}`);
    });
  }

  #receipt(body) {
    const entry = this.dispatched.find((e) => !e.handled && e.shard === body?.shard && e.sequence === body?.sequence);
    if (entry) entry.handled = true;
  }

  /** Closes the gateway connections with `code` (4000 → the client resumes). */
  dropGateway(code = 4000) {
    for (const ws of this.sockets) ws.close(code, 'fake drop');
  }

  /** Resolves once every shard has identified and is connected. */
  async ready({ timeoutMs = 15000 } = {}) {
    await this.waitFor(() => new Set(this.connectedShards().map(([id]) => id)).size >= this.shardCount, timeoutMs, 'bot never identified on every shard');
  }

  // ---------- helpers for tests ----------

  /**
   * The environment that points a bot process at this fake: its token, REST
   * base, attachment origin (real attachments come only from Discord's CDN),
   * and, with `receipts`, where to report each event it finished with.
   */
  botEnvironment({ home, databasePath, receipts = true }) {
    return {
      PATH: process.env.PATH ?? '',
      HOME: home,
      DISCORD_TOKEN: this.token,
      DISCORD_API_URL: this.apiUrl,
      AWAITBOT_ATTACHMENT_ORIGINS: this.base,
      ...(receipts ? { AWAITBOT_EVENT_RECEIPTS_URL: this.receiptsUrl } : {}),
      DATABASE_PATH: databasePath,
    };
  }

  /** Serves `content` at `${base}/attachments/<id>/<name>`; `status` lets a test make it 404. */
  addAttachment(name, content, { contentType = 'text/plain; charset=utf-8', status = 200 } = {}) {
    const id = snowflake();
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    this.attachments.set(`${id}/${name}`, { data, contentType, status });
    const attachment = { id, filename: name, size: data.length, url: `${this.base}/attachments/${id}/${encodeURIComponent(name)}`, proxy_url: `${this.base}/attachments/${id}/${encodeURIComponent(name)}` };
    if (contentType) attachment.content_type = contentType;
    return attachment;
  }

  user(id = snowflake(), name = 'asker') {
    return { id, username: name, discriminator: '0', global_name: name, avatar: null };
  }

  /** A guild member payload with `permissions` (a bit-field string). */
  member(user, permissions = '0') {
    return { user, roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions, nick: null, avatar: null, pending: false };
  }

  /**
   * Dispatches INTERACTION_CREATE with every field discord.js needs
   * (it ignores an interaction that lacks one). Returns the interaction's id and token.
   */
  interaction({ type, data, user, permissions = '0', message, guildId = this.guildId, channelId = this.guilds.get(guildId)?.channelId ?? this.channelId, guild = true, locale = 'en-US' } = {}) {
    const id = snowflake();
    const token = `tok-${randomUUID()}`;
    const who = user ?? this.user();
    const payload = {
      id,
      application_id: this.applicationId,
      type,
      data,
      token,
      version: 1,
      locale,
      entitlements: [],
      authorizing_integration_owners: guild ? { 0: guildId } : { 1: who.id },
      app_permissions: '2251799813685247',
      attachment_size_limit: 10485760,
      context: guild ? 0 : 1,
      channel_id: channelId,
      channel: { id: channelId, type: 0, guild_id: guildId, name: 'general' },
    };
    if (guild) {
      payload.guild_id = guildId;
      payload.guild = { id: guildId, locale: 'en-US', features: [] };
      payload.guild_locale = 'en-US';
      payload.member = this.member(who, permissions);
    } else payload.user = who;
    if (message) payload.message = message;
    this.interactions.set(token, { id, token, dispatchedAt: performance.now(), callbacks: [], payload });
    this.dispatch('INTERACTION_CREATE', payload);
    return { id, token, user: who };
  }

  /** Sends interaction `token`'s INTERACTION_CREATE again, unchanged (a replay: it may be acknowledged only once). */
  replay(token) {
    const it = this.interactions.get(token);
    if (!it) throw new Error(`no interaction ${token}`);
    this.dispatch('INTERACTION_CREATE', it.payload);
  }

  /** `/name` with options. */
  slash(name, options = [], extra = {}) {
    return this.interaction({
      type: 2,
      data: { id: snowflake(), name, type: 1, options, ...(extra.resolved ? { resolved: extra.resolved } : {}) },
      ...extra,
    });
  }

  /** Autocomplete for `/name` with the focused string option. */
  autocomplete(name, optionName, value, extra = {}) {
    return this.interaction({
      type: 4,
      data: { id: snowflake(), name, type: 1, options: [{ name: optionName, type: 3, value, focused: true }] },
      ...extra,
    });
  }

  /** A message context-menu command on `target` (a message payload). */
  contextMenu(name, target, extra = {}) {
    return this.interaction({
      type: 2,
      data: { id: snowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } },
      ...extra,
    });
  }

  /** A button press on `message` (a message the bot sent, as recorded). */
  button(customId, message, extra = {}) {
    return this.interaction({ type: 3, data: { custom_id: customId, component_type: 2 }, message, ...extra });
  }

  /**
   * Presses the button labelled `label` on `message`, in the message's channel,
   * as a client would. `customId` sends another custom_id instead (a forged or
   * copied one); `user`, `permissions` and `channelId` choose who presses where.
   */
  press(message, label, { customId, ...extra } = {}) {
    const button = (message.components ?? []).flatMap((row) => row.components ?? []).find((c) => c.label === label);
    const id = customId ?? button?.custom_id;
    if (id === undefined) throw new Error(`no button "${label}" on message ${message.id}`);
    return this.button(id, message, { channelId: message.channel_id, ...extra });
  }

  /** The message the interaction's answer became (its first reply, or the newest follow-up), as Discord stores it; null when none is left. */
  answerMessage(token) {
    const it = this.interactions.get(token);
    const answers = (it?.answers ?? []).filter((m) => this.messages.has(m.id));
    return answers.length ? this.messages.get(answers[answers.length - 1].id) : null;
  }

  /** A modal submit with text inputs `{custom_id: value}` (Label wrappers, as current clients send). */
  modalSubmit(customId, values, extra = {}) {
    const components = Object.entries(values).map(([id, value]) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: id, value } }));
    return this.interaction({ type: 5, data: { custom_id: customId, components }, ...extra });
  }

  /** A user message payload in a guild channel. */
  messagePayload({ content = '', author, guildId = this.guildId, channelId = this.guilds.get(guildId)?.channelId ?? this.channelId, attachments = [], id = snowflake(), bot = false } = {}) {
    const a = author ?? this.user();
    return {
      id,
      channel_id: channelId,
      guild_id: guildId,
      author: bot ? { ...a, bot: true } : a,
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments,
      embeds: [],
      components: [],
      pinned: false,
      type: 0,
      flags: 0,
    };
  }

  /** MESSAGE_CREATE as Discord would send it given the bot's intents (none without GuildMessages; blanked without MessageContent). */
  messageCreate(message, { raw = false, event = 'MESSAGE_CREATE' } = {}) {
    const intents = this.intents ?? 0;
    if (!raw && !(intents & 512)) return false;
    const d = { ...message, member: this.member(message.author) };
    if (!raw && !(intents & 32768)) Object.assign(d, { content: '', embeds: [], attachments: [], components: [] });
    this.dispatch(event, d);
    return true;
  }

  messageUpdate(message, opts = {}) {
    return this.messageCreate({ ...message, edited_timestamp: new Date().toISOString() }, { ...opts, event: 'MESSAGE_UPDATE' });
  }

  /** Answers the next `count` bot requests matching `pathPart` with 429 + Retry-After. */
  rateLimitNext(pathPart, count = 1, retryAfterSeconds = 0.3) {
    this.rateLimits.push({ pathPart, count, retryAfterSeconds });
  }

  callbacksOf(token) {
    return this.interactions.get(token)?.callbacks ?? [];
  }

  requestsFor(token) {
    return this.requests.filter((r) => r.path.includes(token));
  }

  /** Resolves with the first callback of the interaction, or rejects after `timeoutMs`. */
  async firstCallback(token, timeoutMs = 5000) {
    await this.waitFor(() => this.callbacksOf(token).length > 0, timeoutMs, `no callback for interaction ${token}`);
    return this.callbacksOf(token)[0];
  }

  async waitFor(predicate, timeoutMs = 5000, what = 'condition') {
    if (predicate()) return;
    await new Promise((resolve, reject) => {
      const waiter = { predicate, resolve };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      waiter.resolve = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(waiter);
    });
  }

  #notify() {
    for (const w of [...this.waiters]) {
      if (w.predicate()) {
        this.waiters = this.waiters.filter((x) => x !== w);
        w.resolve();
      }
    }
  }

  // ---------- REST ----------

  #json(res, status, body, headers = {}) {
    if (status === 204) {
      res.writeHead(204, headers);
      return res.end();
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  #error(res, status, code, message) {
    this.#json(res, status, { message, code });
  }

  /** A message sent for interaction `it` (its reply or a follow-up), in the interaction's channel. */
  #answer(it, body) {
    const msg = this.#message(it.payload.channel_id ?? this.channelId, body, {
      guild_id: it.payload.guild_id,
      interaction_metadata: { id: it.id, type: it.payload.type, user: it.payload.member?.user ?? it.payload.user, authorizing_integration_owners: it.payload.authorizing_integration_owners },
    });
    (it.answers ??= []).push(msg);
    return msg;
  }

  #message(channelId, body, extra = {}) {
    const msg = {
      id: snowflake(),
      channel_id: channelId,
      guild_id: this.guildId,
      author: this.botUser,
      content: body?.content ?? '',
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      attachments: (body?.attachments ?? []).map((a, i) => ({ id: snowflake(), filename: a.filename ?? `file${i}`, size: 1, url: `${this.base}/x`, proxy_url: `${this.base}/x` })),
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      type: 0,
      flags: body?.flags ?? 0,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      webhook_id: undefined,
      ...extra,
    };
    this.messages.set(msg.id, msg);
    return msg;
  }

  async #handle(req, res) {
    const url = new URL(req.url, this.base);
    const path = decodeURIComponent(url.pathname);
    if (req.method === 'GET' && path.startsWith('/attachments/')) {
      const file = this.attachments.get(path.slice('/attachments/'.length));
      if (!file || file.status !== 200) return this.#error(res, file?.status ?? 404, 0, 'Not Found');
      res.writeHead(200, file.contentType ? { 'content-type': file.contentType } : {});
      return res.end(file.data);
    }
    const raw = await readBody(req);
    if (req.method === 'POST' && path === '/receipts') {
      // Not a Discord route: the bot's report that it finished with an event (AWAITBOT_EVENT_RECEIPTS_URL).
      try {
        this.#receipt(JSON.parse(raw.toString('utf8')));
      } finally {
        this.#notify();
      }
      return this.#json(res, 204);
    }
    const { json, files, invalid } = await parseBody(req, raw);
    const route = path.replace(/^\/api\/v10/, '');
    const record = {
      method: req.method,
      path: route,
      query: Object.fromEntries(url.searchParams),
      auth: req.headers.authorization ?? null,
      body: json,
      files,
      at: performance.now(),
    };
    this.requests.push(record);
    try {
      if (invalid) return this.#error(res, 400, 50109, 'The request body contains invalid JSON.');
      const limited = this.rateLimits.find((r) => r.count > 0 && route.includes(r.pathPart));
      if (limited) {
        limited.count -= 1;
        record.rateLimited = true;
        return this.#json(
          res,
          429,
          { message: 'You are being rate limited.', retry_after: limited.retryAfterSeconds, global: false },
          { 'retry-after': String(limited.retryAfterSeconds), 'x-ratelimit-bucket': 'fake-bucket', 'x-ratelimit-scope': 'user' },
        );
      }
      return this.#route(req, res, route, url, record);
    } finally {
      this.#notify();
    }
  }

  #route(req, res, route, url, record) {
    const m = (re) => route.match(re);
    const needAuth = () => {
      if (record.auth !== `Bot ${this.token}`) {
        this.#error(res, 401, 0, '401: Unauthorized');
        return false;
      }
      return true;
    };
    let r;
    if (req.method === 'GET' && route === '/gateway/bot') {
      if (!needAuth()) return;
      return this.#json(res, 200, {
        url: `ws://127.0.0.1:${this.port}/gateway`,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14400000, max_concurrency: this.maxConcurrency },
      });
    }
    if ((r = m(/^\/interactions\/([^/]+)\/([^/]+)\/callback$/)) && req.method === 'POST') {
      const [, , token] = r;
      const it = this.interactions.get(token);
      if (!it) return this.#error(res, 404, 10062, 'Unknown interaction');
      const body = record.body ?? {};
      const cb = { type: body.type, data: body.data ?? null, files: record.files, at: record.at, latencyMs: record.at - it.dispatchedAt, query: record.query };
      it.callbacks.push(cb);
      if (cb.latencyMs > this.interactionDeadlineMs) {
        cb.lateBy = cb.latencyMs - this.interactionDeadlineMs;
        return this.#error(res, 404, 10062, 'Unknown interaction');
      }
      if (it.callbacks.length > 1) {
        this.violations.push({ token, problem: 'second acknowledgement' });
        return this.#error(res, 400, 40060, 'Interaction has already been acknowledged.');
      }
      let problems = [];
      if (cb.type === 4 || cb.type === 7) problems = messageViolations(cb.data);
      else if (cb.type === 9) problems = modalViolations(cb.data);
      else if (cb.type === 8) problems = choicesViolations(cb.data);
      else if (cb.type === 5 || cb.type === 6) problems = (cb.data?.flags ?? 0) & ~64 ? ['defer flags other than EPHEMERAL'] : [];
      else problems = [`unknown callback type ${cb.type}`];
      if (record.files.length > LIMITS.files) problems.push('too many files');
      if (problems.length) {
        this.violations.push({ token, problems });
        it.callbacks.pop();
        return this.#error(res, 400, 50035, `Invalid Form Body: ${problems.join('; ')}`);
      }
      it.acknowledged = true;
      if (cb.type === 4) it.original = this.#answer(it, cb.data);
      if (cb.type === 5) it.deferredFlags = cb.data?.flags ?? 0;
      if (record.query.with_response === 'true') {
        return this.#json(res, 200, { interaction: { id: it.id, type: it.payload.type, response_message_id: it.original?.id ?? null }, resource: { type: cb.type, message: it.original ?? null } });
      }
      return this.#json(res, 204);
    }
    if ((r = m(/^\/webhooks\/([^/]+)\/([^/]+)(?:\/messages\/([^/]+))?$/))) {
      const [, , token, messageId] = r;
      const it = this.interactions.get(token);
      if (!it) return this.#error(res, 404, 10015, 'Unknown Webhook');
      const body = record.body ?? {};
      if (req.method !== 'DELETE') {
        const problems = messageViolations(body);
        if (problems.length) {
          this.violations.push({ token, problems });
          return this.#error(res, 400, 50035, `Invalid Form Body: ${problems.join('; ')}`);
        }
      }
      if (messageId === '@original') {
        if (!it.acknowledged) return this.#error(res, 404, 10008, 'Unknown Message');
        // A component interaction's original message is the message its button was on.
        const original = it.original ?? (it.payload.type === 3 ? it.payload.message : null);
        if (req.method === 'DELETE') {
          if (original) this.messages.delete(original.id);
          return this.#json(res, 204);
        }
        if (req.method === 'PATCH') {
          if (original) {
            it.original = { ...(this.messages.get(original.id) ?? original), ...body, edited_timestamp: new Date().toISOString() };
            this.messages.set(it.original.id, it.original);
          } else it.original = this.#answer(it, { ...body, flags: it.deferredFlags ?? 0 });
          return this.#json(res, 200, it.original);
        }
        return this.#json(res, 200, it.original ?? this.#message(this.channelId, {}));
      }
      if (req.method === 'POST' && !messageId) {
        if (!it.acknowledged) return this.#error(res, 404, 10015, 'Unknown Webhook');
        return this.#json(res, 200, this.#answer(it, body));
      }
      if (req.method === 'DELETE') return this.#json(res, 204);
      if (req.method === 'PATCH') return this.#json(res, 200, this.#message(this.channelId, body));
      return this.#error(res, 404, 0, 'Not Found');
    }
    if ((r = m(/^\/channels\/([^/]+)\/messages(?:\/([^/]+))?$/))) {
      if (!needAuth()) return;
      const [, channelId, messageId] = r;
      const body = record.body ?? {};
      if (req.method === 'DELETE') {
        this.messages.delete(messageId);
        return this.#json(res, 204);
      }
      if (req.method === 'POST' || req.method === 'PATCH') {
        const problems = messageViolations(body);
        if (problems.length) {
          this.violations.push({ route, problems });
          return this.#error(res, 400, 50035, `Invalid Form Body: ${problems.join('; ')}`);
        }
        if (req.method === 'PATCH') {
          const old = this.messages.get(messageId) ?? this.#message(channelId, {});
          const updated = { ...old, ...body, id: messageId ?? old.id, edited_timestamp: new Date().toISOString() };
          this.messages.set(updated.id, updated);
          return this.#json(res, 200, updated);
        }
        return this.#json(res, 200, this.#message(channelId, body));
      }
      return this.#json(res, 200, this.messages.get(messageId) ?? null);
    }
    if ((r = m(/^\/applications\/([^/]+)(?:\/guilds\/([^/]+))?\/commands$/)) && req.method === 'PUT') {
      if (!needAuth()) return;
      const list = Array.isArray(record.body) ? record.body : [];
      this.registered = { guildId: r[2] ?? null, commands: list };
      return this.#json(
        res,
        200,
        list.map((c) => ({ id: snowflake(), application_id: this.applicationId, version: snowflake(), default_member_permissions: null, type: 1, description: '', ...c, guild_id: r[2] })),
      );
    }
    return this.#error(res, 404, 0, `404: Not Found (${req.method} ${route})`);
  }
}
