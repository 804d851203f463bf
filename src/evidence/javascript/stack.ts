/**
 * Node.js and browser errors as data: `TypeError: x.then is not a function`
 * with its `at …` frames, `[UnhandledPromiseRejection: …]` (re-joined when a
 * terminal hard-wrapped it), `Error [CODE]: …`, `Uncaught (in promise) …`,
 * the `file.js:3` + source + caret header Node prints for SyntaxErrors, and
 * Node's `(node:123) XWarning: …` lines.
 */
import type { Frame, RaisedError, WarningLine } from '../types.js';

const errorHeader = /^\s*(?:Uncaught (?:\(in promise\) )?)?\[?([A-Za-z_$][\w$]*(?:\[\d+\])?)(?: \[([\w$]+)\])?: (.*)/;
const nodeWarning = /^\s*\(node:\d+\) (?:\[(\w+)\] )?(\w*Warning): (.*)/;
/**
 * Node's own promise warnings (lib/internal/process/promises.js) quoted without the `(node:123) `
 * prefix Node writes before them: at a line's start or after a quote, backtick or space in a
 * sentence. Their names are Node's alone, so no Python warning is taken for them.
 */
export const nodePromiseWarning = /(?:^|[\s`'"(>])(UnhandledPromiseRejectionWarning|PromiseRejectionHandledWarning): (.+)/;
const sourceHeader = /^((?:file:\/\/)?(?:\/|[A-Za-z]:\\|\.{1,2}\/)\S*?\.[cm]?[jt]sx?):(\d+)$/;

function isLibraryFile(file: string): boolean {
  return file.startsWith('node:') || file.includes('node_modules') || file === '<anonymous>' || file.startsWith('internal/');
}

/** `    at fn (file:1:2)` / `    at file:1:2` / `    at async fn (file:1:2)`, parsed by hand (no regex backtracking). */
export function parseStackFrame(line: string): Frame | null {
  const t = line.trim();
  if (!t.startsWith('at ')) return null;
  let rest = t.slice(3);
  if (rest.startsWith('async ')) rest = rest.slice(6);
  // Node prints an error's own properties (`code: 'ENOENT'`, …) in braces opened after the last frame.
  if (rest.endsWith(' {')) rest = rest.slice(0, -2).trimEnd();
  let fn: string | null = null;
  let loc = rest;
  if (rest.endsWith(')')) {
    const open = rest.lastIndexOf(' (');
    if (open >= 0) {
      fn = rest.slice(0, open);
      loc = rest.slice(open + 2, -1);
    }
  }
  const m = /:(\d+):(\d+)$/.exec(loc);
  const file = m ? loc.slice(0, m.index) : loc;
  return {
    file,
    line: m ? Number(m[1]) : null,
    column: m ? Number(m[2]) : null,
    function: fn,
    source: null,
    library: isLibraryFile(file),
  };
}

/**
 * A line that is one frame of a printed stack (`    at handler (/var/task/app.js:31:14)`), also as a JSON log or
 * an AWS Lambda error object lists it (`"    at handler (…:31:14)",`). No line of code reads so: in a code block it
 * is error output, and its words (`at Runtime.exports.handler`) say nothing about the code (not that it is CommonJS).
 */
export function isStackFrameLine(line: string): boolean {
  const t = line.trim().replace(/^["'`]/, '').replace(/["'`]?,?$/, '');
  return parseStackFrame(t)?.line != null;
}

/** Node prints long rejection messages on one line; copied from a narrow terminal they arrive wrapped. */
function joinWrappedRejections(lines: readonly string[]): { lines: string[]; origin: number[] } {
  const out: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const start = i;
    if (line.trimStart().startsWith('[UnhandledPromiseRejection') && !line.includes(']')) {
      for (let j = i + 1; j < Math.min(lines.length, i + 8); j++) {
        line += ' ' + lines[j]!.trim();
        i = j;
        if (lines[j]!.includes(']')) break;
      }
    }
    out.push(line);
    origin.push(start);
  }
  return { lines: out, origin };
}

export function parseNodeOutput(input: readonly string[], skip: ReadonlySet<number>): { errors: RaisedError[]; warnings: WarningLine[] } {
  const { lines, origin } = joinWrappedRejections(input);
  const errors: RaisedError[] = [];
  const warnings: WarningLine[] = [];
  let pendingSource: Frame | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const at = origin[i]!;
    if (skip.has(at) || line.length === 0) continue;
    if (line.includes('(node:')) {
      const w = nodeWarning.exec(line);
      if (w) {
        warnings.push({ language: 'javascript', category: w[2]!, message: w[3]!.trim(), file: null, line: null, lineIndex: at });
        // `(node:1) UnhandledPromiseRejectionWarning: Error: boom` also carries the error itself.
        const inner = errorHeader.exec(w[3]!);
        if (inner && w[2] === 'UnhandledPromiseRejectionWarning') {
          errors.push({ language: 'javascript', type: inner[2] ?? inner[1]!, message: inner[3]!.trim(), frames: framesAfter(lines, i), chain: null, lineIndex: at });
        }
        continue;
      }
    }
    if (line.includes('RejectionWarning: ') || line.includes('HandledWarning: ')) {
      const w = nodePromiseWarning.exec(line);
      if (w) {
        const message = w[2]!.replace(/[`'"]+\s*$/, '').trim();
        warnings.push({ language: 'javascript', category: w[1]!, message, file: null, line: null, lineIndex: at });
        continue;
      }
    }
    const src = sourceHeader.exec(line);
    if (src) {
      const next = lines[i + 1];
      pendingSource = { file: src[1]!, line: Number(src[2]), function: null, source: next?.trim() || null, library: isLibraryFile(src[1]!) };
      continue;
    }
    if (!line.includes(': ')) continue;
    const h = errorHeader.exec(line);
    if (!h) continue;
    const frames = framesAfter(lines, i);
    const rejection = h[1] === 'UnhandledPromiseRejection';
    const uncaught = /^\s*Uncaught /.test(line);
    // `Error [ERR_REQUIRE_ESM]: …` names Node's error code; `In [3]: await main()` is an IPython prompt, not an error.
    const looksJs = frames.length > 0 || rejection || uncaught || h[1]!.startsWith('DiscordAPIError') || (h[2] !== undefined && /^[A-Z]/.test(h[1]!) && !/^\d+$/.test(h[2]));
    if (!looksJs) continue;
    const type = h[2] && h[1] === 'Error' ? h[2] : h[1]!;
    let message = h[3]!.trim();
    if (rejection && message.endsWith('] {')) message = message.slice(0, -3);
    if (rejection && message.endsWith(']')) message = message.slice(0, -1);
    if (pendingSource) frames.unshift(pendingSource);
    pendingSource = null;
    errors.push({ language: 'javascript', type, message, frames, chain: null, lineIndex: at });
  }
  return { errors, warnings };
}

/** The `at …` frames printed under line `i`. */
export function framesAfter(lines: readonly string[], i: number): Frame[] {
  const frames: Frame[] = [];
  for (let j = i + 1; j < lines.length && j < i + 200; j++) {
    const frame = parseStackFrame(lines[j]!);
    if (frame) frames.push(frame);
    else if (lines[j]!.trim() !== '' || frames.length > 0) break;
  }
  return frames;
}
