/**
 * Starts the bot as users do (`node bin/awaitbot.js start`) against the fake
 * Discord, in a child process with its own temporary SQLite file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeDiscord } from '../fake-discord/server.mjs';

export const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningBot {
  fake: FakeDiscord;
  child: ChildProcess;
  dir: string;
  databasePath: string;
  stderr: () => string;
  /** Resolves once the bot's stderr (its log) satisfies `predicate`; rejects after `timeoutMs`. */
  waitForStderr(predicate: (stderr: string) => boolean, timeoutMs?: number): Promise<void>;
  /** Exit code once the process ended (null while running). */
  exitCode: () => number | null;
  exited: Promise<number | null>;
  /** SIGTERM, then the fake closes; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export interface StartOptions {
  /** The command line after `bin/awaitbot.js` (default `start`). */
  args?: string[];
  /** Runs on the fake before the bot connects (to add guilds). */
  setup?: (fake: FakeDiscord) => void;
  /** How long `stop()` waits after SIGTERM before SIGKILL. */
  stopTimeoutMs?: number;
  /** How long the bot may take to connect (every shard) and handle its start-up events. */
  readyTimeoutMs?: number;
}

export async function startBot(
  env: Record<string, string> = {},
  fakeOptions: ConstructorParameters<typeof FakeDiscord>[0] = {},
  { args = ['start'], setup, stopTimeoutMs = 5000, readyTimeoutMs = 60_000 }: StartOptions = {},
): Promise<RunningBot> {
  const fake = await new FakeDiscord(fakeOptions).start();
  setup?.(fake);
  const dir = mkdtempSync(join(tmpdir(), 'awaitbot-bot-'));
  const databasePath = join(dir, 'cases.db');
  const child = spawn(process.execPath, ['bin/awaitbot.js', ...args], {
    cwd: root,
    env: {
      // The bot reports each event it finished with, so tests wait on that (fake.allHandled()), never on a time.
      ...fake.botEnvironment({ home: dir, databasePath, receipts: true }),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const waitForStderr = (predicate: (stderr: string) => boolean, timeoutMs = 30_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate(err)) return;
        clearTimeout(timer);
        child.stderr!.off('data', check);
        resolve();
      };
      const timer = setTimeout(() => {
        child.stderr!.off('data', check);
        reject(new Error(`timed out waiting for the bot's log: ${err.slice(-2000)}`));
      }, timeoutMs);
      child.stderr!.on('data', check);
      check();
    });
  child.stdout!.on('data', () => {});
  let code: number | null = null;
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (c) => {
      code = c;
      done = true;
      resolve(c);
    }),
  );
  try {
    const ready = fake.ready({ timeoutMs: readyTimeoutMs }).then(() => fake.allHandled({ timeoutMs: readyTimeoutMs }));
    await Promise.race([ready, exited.then(() => Promise.reject(new Error(`bot exited early (${code}): ${err}`)))]);
  } catch (e) {
    child.kill('SIGKILL');
    await fake.close();
    throw e;
  }
  return {
    fake,
    child,
    dir,
    databasePath,
    stderr: () => err,
    waitForStderr,
    exitCode: () => (done ? code : null),
    exited,
    async stop() {
      if (!done) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
        await exited;
        clearTimeout(timer);
      }
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

/** Every JSON body and file the bot sent, as one string (to search for things that must never be sent). */
export function everythingSent(fake: FakeDiscord): string {
  return fake.requests.map((r) => JSON.stringify(r.body ?? null) + r.files.map((f) => f.text).join('')).join('\n');
}
