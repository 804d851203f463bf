/**
 * py.sqlalchemy-implicit-io: SQLAlchemy about to do database IO where
 * asyncio cannot drive it, which raises MissingGreenlet ("greenlet_spawn has
 * not been called"). Two shapes are visible in code:
 * - `create_engine("postgresql+asyncpg://…")`: the sync engine with an
 *   asyncio driver (the async engine is `create_async_engine`);
 * - in an `async def`, reading a relationship of a model defined in the
 *   snippet whose loader is lazy (the default), on an object loaded by an
 *   AsyncSession, with no eager loader option (`selectinload`, …) or
 *   `refresh`/`awaitable_attrs` in sight: the lazy load is sync IO;
 * - in an `async def`, reading an attribute of an object after
 *   `await session.commit()`, when the snippet's own session factory keeps
 *   the default `expire_on_commit=True`: the commit expired the object and
 *   the read reloads it;
 * - a session dependency (an async generator: `yield session`, then
 *   `await session.commit()`) whose own factory keeps the default
 *   `expire_on_commit=True`: the commit expires every object the endpoint
 *   loaded, and whatever reads them afterwards (the response serializer)
 *   reloads them lazily. The factory's names are SQLAlchemy's own
 *   (`async_sessionmaker`, `AsyncSession`), so this shape needs no import.
 */
import { child, containsOwn, namedChildren, type SnippetModel } from '../model.js';
import type { PyNode } from '../tree.js';
import { type Detector, callData, keywordArg, positionalArgs } from './shared.js';
import { words } from '../../../types.js';

const ASYNC_DRIVER = /^[a-z]+\+(asyncpg|aiosqlite|aiomysql|asyncmy|psycopg_async|aioodbc):\/\//i;
const EAGER = /^["'](selectin|joined|subquery|immediate|raise|raise_on_sql|noload|write_only|dynamic)["']$/;
const LOADER_OPTION = /\b(selectinload|joinedload|subqueryload|immediateload|contains_eager|raiseload)\b|\brefresh\s*\(|\bawaitable_attrs\b|\brun_sync\b/;

/** Relationship attributes with the default lazy loader, by name, from the snippet's own model classes. */
function lazyRelationships(m: SnippetModel): Set<string> {
  const names = new Set<string>();
  for (const call of m.calls) {
    const f = child(call, 'function');
    if (!f || !/^(relationship|Relationship|orm\.relationship)$/.test(m.text(f))) continue;
    const assign = call.parent;
    if (assign?.type !== 'assignment' || call.field !== 'right') continue;
    const left = child(assign, 'left');
    if (left?.type !== 'identifier' || !m.enclosingClass(call)) continue;
    const lazy = keywordArg(m, call, 'lazy') ?? keywordArg(m, call, 'sa_relationship_kwargs');
    if (lazy) {
      const value = child(lazy, 'value');
      if (!value || EAGER.test(m.text(value)) || /selectin|joined|subquery|immediate/.test(m.text(value))) continue;
    }
    names.add(m.text(left));
  }
  return names;
}

export const sqlalchemyImplicitIo: Detector = (m, report) => {
  commitAfterYield(m, report);
  const q = [...m.aliases.values()];
  if (!q.some((x) => x === 'sqlalchemy' || x.startsWith('sqlalchemy.') || x.startsWith('sqlmodel'))) return;
  // The sync engine handed an asyncio driver's URL.
  for (const call of m.calls) {
    const f = child(call, 'function');
    if (!f || m.resolve(f)?.replace(/^sqlmodel\./, 'sqlalchemy.') !== 'sqlalchemy.create_engine') continue;
    const url = positionalArgs(call)[0];
    if (!url || url.type !== 'string') continue;
    const text = m.text(url).replace(/^[a-z]*["']+|["']+$/gi, '');
    const driver = ASYNC_DRIVER.exec(text);
    if (!driver) continue;
    report(call, 'py.sqlalchemy-implicit-io', words('py.sqlalchemy.sync-engine', { driver: driver[1]! }), 0.85, { ...callData(m, call), kind: 'sync-engine' });
  }
  const usesAsyncSession = q.some((x) => x.startsWith('sqlalchemy.ext.asyncio') || x.startsWith('sqlmodel.ext.asyncio'));
  if (!usesAsyncSession) return;
  const reported = new Set<PyNode>();
  expiredAfterCommit(m, report, reported);
  const lazy = lazyRelationships(m);
  if (lazy.size === 0) return;
  for (const id of m.identifiers) {
    if (id.field !== 'attribute' || !lazy.has(m.text(id))) continue;
    const ref = id.parent!;
    const obj = child(ref, 'object');
    if (!obj || m.text(obj) === 'self' || m.text(obj) === 'cls' || obj.type === 'call') continue;
    const scope = m.scopeOf(ref);
    if (scope.kind !== 'async' || !scope.node || reported.has(scope.node)) continue;
    const fnText = m.text(scope.node);
    if (LOADER_OPTION.test(fnText) || !/\bawait\b/.test(fnText)) continue;
    // The attribute is read, not assigned a new value.
    const p = ref.parent;
    if (p?.type === 'assignment' && ref.field === 'left') continue;
    // A class attribute in a query (`User.addresses`) is not an instance read.
    if (/^[A-Z]/.test(m.text(obj))) continue;
    reported.add(scope.node);
    report(ref, 'py.sqlalchemy-implicit-io', words('py.sqlalchemy.lazy-load', { ref: m.text(ref), relationship: m.text(id), fn: scope.fn!.name }), 0.65, { start: m.at(ref.start), end: m.at(ref.end), context: 'async', kind: 'lazy-load' });
  }
};

/** The snippet builds its sessions with the default `expire_on_commit=True` (`asyncOnly`: by a factory that is SQLAlchemy's asyncio one by name). */
function expiringFactory(m: SnippetModel, asyncOnly = false): boolean {
  let seen = false;
  for (const call of m.calls) {
    const f = child(call, 'function');
    if (!f || !(asyncOnly ? /(^|\.)(async_sessionmaker|AsyncSession)$/ : /(^|\.)(async_sessionmaker|sessionmaker|AsyncSession)$/).test(m.text(f))) continue;
    const kw = keywordArg(m, call, 'expire_on_commit');
    const value = kw ? child(kw, 'value') : null;
    if (value && m.text(value) !== 'True') return false;
    seen = true;
  }
  return seen;
}

function expiredAfterCommit(m: SnippetModel, report: Parameters<Detector>[1], reported: Set<PyNode>): void {
  if (!expiringFactory(m)) return;
  for (const commit of m.calls) {
    const f = child(commit, 'function');
    if (f?.type !== 'attribute' || m.text(child(f, 'attribute')!) !== 'commit' || m.usage(commit).kind !== 'awaited') continue;
    const scope = m.scopeOf(commit);
    if (scope.kind !== 'async' || !scope.node || reported.has(scope.node)) continue;
    const session = m.text(child(f, 'object')!);
    // Objects handed to `session.add(obj)` before the commit.
    const added = new Set<string>();
    for (const call of m.calls) {
      if (call.start >= commit.start || m.scopeNode(call) !== scope.node) continue;
      const cf = child(call, 'function');
      if (cf?.type !== 'attribute' || m.text(cf) !== `${session}.add`) continue;
      const arg = positionalArgs(call)[0];
      if (arg?.type === 'identifier') added.add(m.text(arg));
    }
    if (added.size === 0) continue;
    const after = m.text(scope.node).slice(commit.end - scope.node.start);
    if (/\brefresh\s*\(/.test(after)) continue;
    for (const id of m.identifiers) {
      if (id.start <= commit.end || id.end > scope.node.end || !added.has(m.text(id))) continue;
      const ref = id.parent;
      if (ref?.type !== 'attribute' || id.field !== 'object') continue;
      if (ref.parent?.type === 'assignment' && ref.field === 'left') continue;
      if (ref.parent?.type === 'call' && ref.field === 'function') continue;
      reported.add(scope.node);
      report(ref, 'py.sqlalchemy-implicit-io', words('py.sqlalchemy.expired', { ref: m.text(ref), session, fn: scope.fn!.name, object: m.text(id) }), 0.65, { start: m.at(ref.start), end: m.at(ref.end), context: 'async', kind: 'expired' });
      break;
    }
  }
}

/** `yield session` then `await session.commit()` in an async generator, with an expiring asyncio session factory in sight. */
function commitAfterYield(m: SnippetModel, report: Parameters<Detector>[1]): void {
  if (!expiringFactory(m, true)) return;
  for (const commit of m.calls) {
    const f = child(commit, 'function');
    if (f?.type !== 'attribute' || m.text(child(f, 'attribute')!) !== 'commit' || m.usage(commit).kind !== 'awaited') continue;
    const scope = m.scopeOf(commit);
    if (scope.kind !== 'async' || !scope.fn?.isAsyncGen || !scope.node) continue;
    const session = m.text(child(f, 'object')!);
    // The dependency handed this very session out before committing it.
    let handedOut = false;
    containsOwn(child(scope.node, 'body') ?? scope.node, (n) => {
      if (n.type === 'yield' && n.start < commit.start && m.text(namedChildren(n)[0] ?? n) === session) handedOut = true;
      return handedOut;
    });
    if (!handedOut) continue;
    report(commit, 'py.sqlalchemy-implicit-io', words('py.sqlalchemy.expired-after-yield', { session }), 0.6, { ...callData(m, commit), kind: 'expired-after-yield' });
  }
}
