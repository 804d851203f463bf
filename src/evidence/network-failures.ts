/**
 * A network failure the paste shows (a refused connection, a certificate that does not verify, a
 * browser's CORS block), seen by the message its library prints. While one shows, the side-effect
 * lines printed on the way out ("Unclosed client session", "Task was destroyed but it is
 * pending!") are not the cause, and the paste is no question in words: the network is the answer.
 */
import type { NetworkFailure } from './types.js';

/** Messages from the libraries' sources, each with what it means. */
const known: readonly { cause: NetworkFailure['cause']; message: string; shape?: RegExp }[] = [
  // aiohttp client_exceptions.py, ClientConnectorError.__str__ ("Cannot connect to host {host}:{port} ssl:{ssl} [{os_error}]"),
  // also the base of ClientConnectorDNSError, ClientSSLError and ClientConnectorCertificateError.
  // The shape too, so that a sentence ("I cannot connect to host X over ssh") is not taken for it.
  { cause: 'connect', message: 'Cannot connect to host ', shape: /cannot connect to host \S{1,300}:\d{1,5} ssl:/i },
  // CPython Lib/asyncio/selector_events.py, _sock_connect_cb: OSError(err, f'Connect call failed {address}').
  { cause: 'connect', message: 'Connect call failed (' },
  // OpenSSL's reason code, as CPython's ssl module prints it: "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed".
  { cause: 'certificate', message: '[SSL: CERTIFICATE_VERIFY_FAILED]' },
  // CPython Modules/socketmodule.c: socket.gaierror, a host name that does not resolve ("[Errno 11001] getaddrinfo
  // failed", "[Errno -2] Name or service not known"). Lower case, so no exception-type parser takes it for an error.
  { cause: 'dns', message: 'gaierror', shape: /\bgaierror\b/i },
  // Node lib/internal/errors.js: dnsException ("getaddrinfo ENOTFOUND <host>", ENOTFOUND is Node's own name for
  // EAI_NONAME) and uvExceptionWithHostPort ("connect ECONNREFUSED <address>:<port>").
  { cause: 'dns', message: 'getaddrinfo ENOTFOUND ' },
  { cause: 'connect', message: 'connect ECONNREFUSED ' },
  // Chromium's console: "Access to fetch at '…' from origin '…' has been blocked by CORS policy: …".
  { cause: 'cors', message: 'has been blocked by CORS policy' },
];
const lowered = known.map((k) => ({ ...k, needle: k.message.toLowerCase() }));

export function findNetworkFailures(lines: readonly string[], text = lines.join('\n')): NetworkFailure[] {
  const found: NetworkFailure[] = [];
  // One pass over the whole paste first: most show none of the messages, and then no line is lower-cased.
  const whole = text.toLowerCase();
  const shown = lowered.filter((k) => whole.includes(k.needle));
  if (shown.length === 0) return found;
  for (let i = 0; i < lines.length; i++) {
    const lower = lines[i]!.toLowerCase();
    for (const k of shown) {
      if (lower.includes(k.needle) && (!k.shape || k.shape.test(lines[i]!))) found.push({ cause: k.cause, lineIndex: i });
    }
  }
  return found;
}
