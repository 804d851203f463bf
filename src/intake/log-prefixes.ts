/**
 * Log prefixes that process managers and hosts put before every line a program prints: pm2
 * (`0|bot      | `), docker compose (`bot-1  | `), Heroku (`2018-12-17T14:46:10.000369+00:00 app[bot.1]: `),
 * journald/syslog (`Sep 19 11:23:27 host bot[42]: `) and `docker logs --timestamps` (`2023-02-12T02:35:59.775870035Z `).
 * With the prefix left on, a traceback or a Node stack no longer starts where its parsers look, so
 * it is taken off here, once, and every reader sees the lines the program printed.
 */

/** pm2's `--time` / `--log-date-format` stamp, written before its own prefix. */
const pm2Stamp = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?:? /;
/**
 * pm2 pads or cuts `<id>|<name>` to a fixed width, then writes ` | ` (lib/API/Log.js); its own lines
 * say `PM2` there. `[^|]` cannot run past the separator, so the match is linear.
 */
const pm2Prefix = /^(?:\d{1,6}\|[^|]{1,64}|PM2 +) \| ?/;
/** Heroku's router and dynos: an ISO timestamp, then the source and dyno in brackets. */
const herokuPrefix = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) (?:app|heroku)\[[\w.-]{1,64}\]: ?/;
/** docker compose: the service name (v1 `bot_1`, v2 `bot-1`), padded with spaces, then `| `. */
const composePrefix = /^([a-z0-9][\w.-]{0,62}) +\| ?/;
/**
 * journalctl and syslog (`/var/log/daemon.log`): `Sep 19 11:23:27 host unit[694755]: `, the date in
 * the traditional BSD format, then the host and the process with its pid.
 */
const syslogPrefix = /^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [\w.-]{1,64} [\w.@/-]{1,64}(?:\[\d{1,10}\])?: ?/;
/** `docker logs --timestamps` and `kubectl logs --timestamps`: an RFC 3339 time, nanoseconds and all, then one space. */
const timestampsPrefix = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:\d\d) /;

function pm2Stripped(line: string): string | null {
  const stamp = pm2Stamp.exec(line);
  const rest = stamp ? line.slice(stamp[0].length) : line;
  const m = pm2Prefix.exec(rest);
  return m ? rest.slice(m[0].length) : null;
}

/**
 * The lines without their log prefixes; line count and order unchanged. A compose-style prefix is
 * only taken off when the same service name starts at least two lines: `ls | grep x` alone is a
 * shell pipe, not a log.
 */
export function stripLogPrefixes(lines: readonly string[]): string[] {
  const services = new Map<string, number>();
  // Like compose's, the syslog and --timestamps prefixes count only when they start two lines or more:
  // one line of words that happens to begin with a date is no log.
  let stamped = 0;
  let syslogged = 0;
  for (const line of lines) {
    const m = composePrefix.exec(line);
    if (m) services.set(m[1]!, (services.get(m[1]!) ?? 0) + 1);
    if (timestampsPrefix.test(line)) stamped++;
    else if (syslogPrefix.test(line)) syslogged++;
  }
  return lines.map((line) => {
    if (line.length === 0) return line;
    const pm2 = pm2Stripped(line);
    if (pm2 !== null) return pm2;
    const heroku = herokuPrefix.exec(line);
    if (heroku) return line.slice(heroku[0].length);
    const compose = composePrefix.exec(line);
    if (compose && services.get(compose[1]!)! >= 2) return line.slice(compose[0].length);
    if (stamped >= 2) {
      const t = timestampsPrefix.exec(line);
      if (t) return line.slice(t[0].length);
    }
    if (syslogged >= 2) {
      const s = syslogPrefix.exec(line);
      if (s) return line.slice(s[0].length);
    }
    return line;
  });
}
