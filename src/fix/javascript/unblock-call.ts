/**
 * js.unblock-call: `fs.readFileSync(p)` inside async code → `await
 * fs.promises.readFile(p)` (likewise writeFile, readdir, …); a busy-wait loop
 * on the clock with one fixed delay → `await new Promise((resolve) =>
 * setTimeout(resolve, ms))`. `execSync` and sync crypto have no drop-in
 * replacement here: no automatic fix.
 */
import type * as TS from 'typescript';
import type { Fixer } from '../types.js';
import type { SnippetModel } from '../../evidence/javascript/snippet/model.js';
import { allowAwait, applyEdits, awaitEdits, checked, findingsOf, lineOfPos, nodeAt, num, parse, type Edit } from './edit.js';

const ASYNC_FS: Record<string, string> = {
  readFileSync: 'readFile', writeFileSync: 'writeFile', appendFileSync: 'appendFile', readdirSync: 'readdir',
  statSync: 'stat', lstatSync: 'lstat', copyFileSync: 'copyFile', mkdirSync: 'mkdir', unlinkSync: 'unlink',
  rmSync: 'rm', rmdirSync: 'rmdir', renameSync: 'rename', accessSync: 'access',
};

function fsNamespace(model: SnippetModel, receiver: string): string | null {
  if (receiver !== '') return receiver;
  const first = [...model.fsNames][0];
  return first ?? null;
}

function delayOf(model: SnippetModel, loop: TS.Node): string | null {
  const { ts, sourceFile } = model;
  let cond: TS.Expression | undefined;
  if (ts.isWhileStatement(loop) || ts.isDoStatement(loop)) cond = loop.expression;
  else if (ts.isForStatement(loop)) cond = loop.condition;
  if (cond === undefined) return null;
  const numbers: string[] = [];
  const visit = (n: TS.Node): void => {
    if (ts.isNumericLiteral(n)) numbers.push(n.getText(sourceFile));
    ts.forEachChild(n, visit);
  };
  visit(cond);
  return numbers.length === 1 ? (numbers[0] as string) : null;
}

export const unblockCall: Fixer = (input) => {
  const targets = findingsOf(input.findings, ['js.blocking-call-in-async']);
  const model = parse(input.code);
  const { ts, sourceFile } = model;
  const edits: Edit[] = [];
  const notes: string[] = [];
  for (const f of targets) {
    const start = num(f, 'start', model);
    const end = num(f, 'end', model);
    if (start === null || end === null) continue;
    const line = lineOfPos(model, start);
    if (f.data?.kind === 'busy-wait') {
      const loop = nodeAt(model, start, end, (n): n is TS.IterationStatement => ts.isIterationStatement(n, false));
      if (loop === null) continue;
      const ms = delayOf(model, loop);
      const allowed = allowAwait(model, loop);
      if (ms === null || allowed === null) continue;
      edits.push(...allowed.edits, { start, end, text: `await new Promise((resolve) => setTimeout(resolve, ${ms}));` });
      notes.push(`replaced the busy-wait loop on line ${line} with \`await\` on a ${ms} ms timer`);
      continue;
    }
    if (f.data?.kind !== 'fs') continue;
    const api = f.data.api ?? '';
    const asyncName = ASYNC_FS[api];
    const ns = fsNamespace(model, f.data.receiver ?? '');
    if (asyncName === undefined || ns === null) continue;
    const call = nodeAt(model, start, end, ts.isCallExpression);
    if (call === null) continue;
    const allowed = allowAwait(model, call);
    if (allowed === null) continue;
    edits.push(...allowed.edits, ...awaitEdits(model, call));
    edits.push({ start: call.expression.getStart(sourceFile), end: call.expression.end, text: `${ns}.promises.${asyncName}` });
    notes.push(`\`${api}\` on line ${line} became \`await ${ns}.promises.${asyncName}\`, which lets other work run while the file is read or written`);
  }
  if (edits.length === 0) return null;
  const code = checked(input.code, applyEdits(input.code, edits, model.offset));
  if (code === null) return null;
  const note = notes.join('; ');
  return { code, note: note.charAt(0).toUpperCase() + note.slice(1) + '.' };
};
