/**
 * Error lines pasted on their own or inside a sentence ("I get RuntimeError:
 * asyncio.run() cannot be called from a running event loop when…"): the last
 * line of a traceback someone cut, or an error quoted in chat.
 */
import type { Language, RaisedError } from './types.js';

// A dotted module path (lower-case parts) then a class name ending like an exception class.
const bareError = /(?<![\w.$])((?:[a-z_]\w*\.)*[A-Z]\w*?(?:Error|Exception|Interrupt|Exit|Required|Cancelled|Group|Replied|Rejection)(?:\[\d+\])?): (\S.*)$/;

const pythonOnly = new Set([
  'RuntimeError', 'NameError', 'AttributeError', 'ValueError', 'KeyError', 'IndexError', 'ImportError',
  'ModuleNotFoundError', 'IndentationError', 'TabError', 'ZeroDivisionError', 'OSError', 'FileNotFoundError',
  'ConnectionError', 'TimeoutError', 'CancelledError', 'ExceptionGroup', 'BaseExceptionGroup', 'KeyboardInterrupt',
  'UnboundLocalError', 'NotImplementedError', 'RecursionError', 'StopIteration', 'StopAsyncIteration', 'AssertionError',
]);
const javascriptOnly = new Set(['ReferenceError', 'RangeError', 'EvalError', 'URIError', 'AggregateError', 'UnhandledPromiseRejection']);

export function languageOfErrorType(type: string): Language | null {
  const last = type.split('.').pop()!;
  if (type.includes('.') && /^[a-z_]/.test(type)) return 'python'; // asyncio.exceptions.TimeoutError
  if (pythonOnly.has(last)) return 'python';
  if (javascriptOnly.has(last) || last.startsWith('DiscordAPIError')) return 'javascript';
  return null;
}

export function parseErrorLines(lines: readonly string[], skip: ReadonlySet<number>): RaisedError[] {
  const errors: RaisedError[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (skip.has(i) || !line.includes(': ')) continue;
    const m = bareError.exec(line);
    if (!m || m[1]!.endsWith('Warning')) continue;
    errors.push({ language: languageOfErrorType(m[1]!), type: m[1]!, message: m[2]!.trim(), frames: [], chain: null, lineIndex: i });
  }
  return errors;
}
