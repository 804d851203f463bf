/**
 * A stack's frames inside a code block are error output, not code: an unfenced paste of a few lines cut from a
 * handler, followed by the error object AWS Lambda's Node runtime returns (its `stack` array lists the frames as
 * strings), is read as the lines it shows, and `at Runtime.exports.handler (…)` in that output does not make the
 * code a CommonJS script whose top-level `await` Node refuses.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const ids = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const lambdaError = [
  '{',
  '    "errorType": "TypeError",',
  '    "errorMessage": "client.render is not a function",',
  '    "stack": [',
  '        "TypeError: client.render is not a function",',
  '        "    at Runtime.exports.handler (/var/task/src/index.js:12:18)",',
  '        "    at processTicksAndRejections (internal/process/task_queues.js:97:5)"',
  '    ]',
  '}',
].join('\n');

describe('stack frames inside a code block', () => {
  it('are not read as code: a cut handler body is not taken for a CommonJS script', () => {
    const paste = ['await client.connect(url);', 'await client.render(page);', '', 'fails with:', lambdaError].join('\n');
    expect(ids(paste)).not.toContain('js/await-outside-async');
  });

  it('leave a real CommonJS script (its own require) refused a top-level await', () => {
    const paste = ["const client = require('./client');", '', 'await client.connect(url);', 'await client.render(page);'].join('\n');
    expect(ids(paste)).toContain('js/await-outside-async');
  });
});
