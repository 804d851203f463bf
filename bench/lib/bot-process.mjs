// What the Discord benches share: the bot as users start it (`node bin/awaitbot.js …`) in a child
// process pointed at a fake Discord, stopped before the fake.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Starts `bin/awaitbot.js ...args` against `fake` with its own SQLite file, no rate limit, errors only in the log. */
export function startBotProcess(fake, args, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'awaitbot-bench-'));
  const databasePath = join(dir, 'cases.db');
  const child = spawn(process.execPath, ['bin/awaitbot.js', ...args], {
    cwd: root,
    // Receipts off: the bench measures the bot, not the reports tests wait on.
    env: { ...fake.botEnvironment({ home: dir, databasePath, receipts: false }), LOG_LEVEL: 'error', AWAITBOT_RATE_LIMIT: '100000/1', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  return {
    child,
    databasePath,
    exited,
    /** SIGTERM (SIGKILL after `graceMs`), then the fake closes: a bot whose server vanished retries forever. */
    async stop(graceMs = 5000) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
