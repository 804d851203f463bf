/**
 * A throwaway PostgreSQL server for the store tests and the bench: initdb on a
 * temporary directory, started with pg_ctl on a free port of 127.0.0.1 (no
 * Unix socket outside the directory), as an unprivileged user when running as
 * root (PostgreSQL refuses to run as root). Nothing is downloaded: it uses the
 * distribution's server binaries (Debian's postgresql-15; `.ci/run` installs
 * them when missing). When they cannot be found or the server does not start,
 * it throws with the reason: a test needing it fails, never skips.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The user the server runs as when we are root: Debian's `nobody`. */
const unprivileged = { uid: 65534, gid: 65534 };

/** The directory holding initdb and pg_ctl: PG_BIN when set, else the newest /usr/lib/postgresql/N/bin. */
export function postgresBinDir(env = process.env) {
  if (env.PG_BIN) return env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error('PostgreSQL server binaries not found (no /usr/lib/postgresql/N/bin/initdb): apt-get install -y postgresql-15, or set PG_BIN');
  }
  return join(root, versions[0], 'bin');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a server; `stop()` removes it and its files. `restart` and `pause`/`resume` (pg_ctl stop
 * -m fast, then start on the same port) let a test take the server away under a running store.
 * `options.durable` keeps fsync on (the bench's realistic commits); tests turn it off for speed.
 */
export async function startTempPostgres(options = {}) {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'awaitbot-pg-'));
  const data = join(dir, 'data');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, unprivileged.uid, unprivileged.gid);
  const run = (tool, args) =>
    execFileSync(join(bin, tool), args, {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asRoot ? unprivileged : {}),
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    });
  const port = await freePort();
  const logFile = join(dir, 'server.log');
  const settings = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    '-c max_connections=200',
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  const start = () => run('pg_ctl', ['-D', data, '-o', settings, '-l', logFile, '-w', '-t', '60', 'start']);
  try {
    run('initdb', ['-D', data, '-U', 'awaitbot', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    start();
  } catch (e) {
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    const stderr = e && typeof e === 'object' && 'stderr' in e && e.stderr ? String(e.stderr) : '';
    throw new Error(`could not start a temporary PostgreSQL: ${e instanceof Error ? e.message.split('\n')[0] : e}\n${stderr}${log}`);
  }
  const url = (database = 'postgres') => `postgres://awaitbot@127.0.0.1:${port}/${database}`;
  let stopped = false;
  const pause = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  return {
    port,
    url,
    /** A fresh, empty database on this server; its URL. */
    async createDatabase(name) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    /** Stops the server (fast shutdown: open connections are cut, committed data kept). */
    pause,
    /** Starts it again on the same port. */
    resume: start,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        pause();
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
