/**
 * py.close-session, the fixer of py/aiohttp-session-misuse: a client that owns an aiohttp session,
 * made in an `async def` and stored in a local name that nothing closes, is closed with its own
 * close coroutine at the end of that function, before the loop ends and Python prints "Unclosed
 * client session". Which coroutine closes it depends on the API family: aiohttp's `ClientSession`
 * and ccxt's async exchanges have `close()`, python-binance's `AsyncClient` has
 * `close_connection()`.
 *
 * It declines (the rule's own example is shown) when the client leaves the function (returned,
 * stored on an object, closed or entered with `async with` already), when the function returns
 * early, or ends in a loop that never finishes: a line at the end would not run, or would close
 * what someone else still uses.
 */
import { child, namedChildren, type SnippetModel } from '../../evidence/python/snippet/model.js';
import type { PyNode } from '../../evidence/python/snippet/tree.js';
import { words } from '../../evidence/types.js';
import type { Fixer } from '../types.js';
import { applyEdits, finish, indentAt, lineEndOf, modelOf, orig } from './edit.js';

/** What makes a session-owning client (by the qualified name of the call), and the coroutine that closes it. */
const SESSION_OWNERS: readonly { made: RegExp; close: string }[] = [
  { made: /^aiohttp(?:\.client)?\.ClientSession$/, close: 'close' },
  // python-binance: `client = await AsyncClient.create()`; its README closes it with `await client.close_connection()`.
  { made: /^binance(?:\.async_client|\.client)?\.AsyncClient\.create$/, close: 'close_connection' },
  // ccxt's async exchanges (`import ccxt.async_support as ccxt`, `ccxt.binance()`): `await exchange.close()`.
  { made: /^ccxt\.async_support\.[a-z]\w*$/, close: 'close' },
];

/** Every coroutine that closes one of them, whatever made it. */
const CLOSERS = new Set(['close', 'close_connection', 'aclose']);

/** The statements of a block that belong to it, not to a nested def or class. */
function walkOwn(n: PyNode, visit: (n: PyNode) => void): void {
  for (const c of n.children) {
    visit(c);
    if (c.type !== 'function_definition' && c.type !== 'class_definition' && c.type !== 'lambda') walkOwn(c, visit);
  }
}

/** The local name a client is stored in (`client = await AsyncClient.create()`), or null. */
function storedName(m: SnippetModel, call: PyNode): string | null {
  let u = m.usage(call);
  if (u.kind === 'awaited') u = m.usage(u.node);
  return u.kind === 'stored' && u.targetNode.type === 'identifier' ? u.target : null;
}

/** True when the function hands the client on, closes it, or enters it: then it is not ours to close. */
function leavesOrCloses(m: SnippetModel, body: PyNode, name: string): boolean {
  let found = false;
  walkOwn(body, (n) => {
    if (found || n.type !== 'identifier' || m.text(n) !== name) return;
    const p = n.parent;
    if (!p) return;
    if (p.type === 'attribute' && n.field === 'object' && CLOSERS.has(m.text(child(p, 'attribute') ?? p))) found = true;
    else if (p.type === 'return_statement' || p.type === 'yield') found = true;
    else if (p.type === 'with_item' || p.parent?.type === 'with_item' || p.type === 'as_pattern') found = true;
    // `self.client = client`, `clients.append(client)` stored for later: someone else may close it.
    else if (p.type === 'assignment' && n.field === 'right' && child(p, 'left')?.type !== 'identifier') found = true;
  });
  return found;
}

/** True when the function can end before its last line (a `return`) or never gets there (`while True:` last). */
function endsEarly(m: SnippetModel, body: PyNode): boolean {
  let early = false;
  walkOwn(body, (n) => {
    if (n.type === 'return_statement') early = true;
  });
  const last = namedChildren(body).filter((c) => c.type !== 'comment').at(-1);
  return early || (!!last && last.type === 'while_statement' && /^while\s+(True|1)\s*:/.test(m.text(last)));
}

export const closeSession: Fixer = (input) => {
  if (input.excerpt) return null;
  const m = modelOf(input);
  if (!m) return null;
  const code = input.code;
  const closes: { at: number; indent: string; line: string; name: string; close: string }[] = [];
  for (const call of m.calls) {
    const fnExpr = child(call, 'function');
    const qname = fnExpr ? m.resolve(fnExpr) : null;
    const owner = qname ? SESSION_OWNERS.find((o) => o.made.test(qname)) : undefined;
    if (!owner) continue;
    const scope = m.scopeOf(call);
    if (scope.kind !== 'async' || !scope.fn) continue;
    const name = storedName(m, call);
    const body = child(scope.fn.node, 'body');
    if (!name || !body || leavesOrCloses(m, body, name) || endsEarly(m, body)) continue;
    const first = namedChildren(body).find((c) => c.type !== 'comment');
    const last = namedChildren(body).filter((c) => c.type !== 'comment').at(-1);
    if (!first || !last) continue;
    const firstAt = orig(m, code, first.start);
    const lastEnd = orig(m, code, last.end);
    if (firstAt < 0 || lastEnd < 0) continue;
    const line = `await ${name}.${owner.close}()`;
    if (!closes.some((c) => c.line === line && c.at === lineEndOf(code, lastEnd))) closes.push({ at: lineEndOf(code, lastEnd), indent: indentAt(code, firstAt), line, name, close: owner.close });
  }
  if (closes.length === 0) return null;
  const fixed = applyEdits(code, closes.map((c) => ({ start: c.at, end: c.at, text: `\n${c.indent}${c.line}` })));
  return finish(input, fixed, closes.map((c) => words('fix.py.closed-session', { name: c.name, close: `${c.close}()` })));
};
