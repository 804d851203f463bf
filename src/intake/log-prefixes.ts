/**
 * Log prefixes that process managers and hosts put before every line a program prints: pm2
 * (`0|bot      | `), docker compose (`bot-1  | `), Heroku (`2018-12-17T14:46:10.000369+00:00 app[bot.1]: `),
 * journald/syslog (`Sep 19 11:23:27 host bot[42]: `) and `docker logs --timestamps` (`2023-02-12T02:35:59.775870035Z `).
 * With the prefix left on, a traceback or a Node stack no longer starts where its parsers look, so
 * it is taken off here, once, and every reader sees the lines the program printed.
 */
import escapeStringRegexp from 'escape-string-regexp';

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

/** Where a traceback or a stack shows itself, whatever a logger put before it on the line. */
const outputAnchors = ['Traceback (most recent call last):', '  File "', '    at '];
/** A block shorter than this is not a log's: one or two lines that start alike are chance. */
const minPrefixedRun = 3;

/** The prefix's shape: its digits (a time, a line number, a pid) may change from line to line. */
function prefixShape(prefix: string): RegExp {
  const parts = prefix.split(/\d+/).map((p) => escapeStringRegexp(p));
  return new RegExp('^' + parts.join('\\d{1,20}'));
}

/**
 * Any other prefix a host or a logger writes before each line (a pod name, `[2024-05-01 10:00:00] `,
 * `bot[1234]: `, a Markdown `> `, an editor's line numbers): found where a traceback header or a frame
 * starts further right on its line, and taken off the run of at least three adjacent lines that start
 * with the same text (its digits aside). Lines the run does not reach are left as they are.
 */
function stripRepeatedPrefixes(lines: string[]): string[] {
  const out = lines.slice();
  for (let i = 0; i < out.length; i++) {
    const line = out[i]!;
    let at = -1;
    for (const anchor of outputAnchors) {
      at = line.indexOf(anchor);
      if (at > 0) break;
    }
    if (at <= 0 || at > 120) continue;
    const prefix = line.slice(0, at);
    // Indentation, and the `|` of Python's exception-group boxes, are the traceback's own (its parser reads them).
    if (/^[\s|+]*$/.test(prefix)) continue;
    // Cheap first: a neighbour must start with the prefix's text up to its first digit before any pattern is built.
    const head = prefix.split(/\d/, 1)[0]!;
    if (!out[i - 1]?.startsWith(head) && !out[i + 1]?.startsWith(head)) continue;
    const shape = prefixShape(prefix);
    let first = i;
    while (first > 0 && shape.test(out[first - 1]!)) first--;
    let last = i;
    while (last + 1 < out.length && shape.test(out[last + 1]!)) last++;
    if (last - first + 1 < minPrefixedRun) continue;
    for (let j = first; j <= last; j++) out[j] = out[j]!.replace(shape, '');
    i = last;
  }
  return out;
}

/**
 * The lines without their log prefixes; line count and order unchanged. A compose-style prefix is
 * only taken off when the same service name starts at least two lines: `ls | grep x` alone is a
 * shell pipe, not a log. Then any other prefix repeated before a traceback or a stack (`stripRepeatedPrefixes`).
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
  const stripped = lines.map((line) => {
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
  return stripRepeatedPrefixes(stripped);
}
