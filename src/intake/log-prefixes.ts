/**
 * Log prefixes that process managers and hosts put before every line a program prints: pm2
 * (`0|bot      | `), docker compose (`bot-1  | `) and Heroku (`2018-12-17T14:46:10.000369+00:00 app[bot.1]: `).
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
  for (const line of lines) {
    const m = composePrefix.exec(line);
    if (m) services.set(m[1]!, (services.get(m[1]!) ?? 0) + 1);
  }
  return lines.map((line) => {
    if (line.length === 0) return line;
    const pm2 = pm2Stripped(line);
    if (pm2 !== null) return pm2;
    const heroku = herokuPrefix.exec(line);
    if (heroku) return line.slice(heroku[0].length);
    const compose = composePrefix.exec(line);
    if (compose && services.get(compose[1]!)! >= 2) return line.slice(compose[0].length);
    return line;
  });
}
