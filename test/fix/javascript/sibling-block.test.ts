/** A fix that rewrites another block of the paste than the one whose line the finding is on. */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { say } from '../../../src/render/messages.js';

const engine = await createEngine();

const paste = (helper: string) =>
  `My helper:\n\`\`\`js\n${helper}\n\`\`\`\nI call it like this:\n\`\`\`js\nfetchData(url, params).then((response) => {\n  this.initOffices(response)\n})\n\`\`\`\n`;

describe('.then on a helper declared in another block that forgot to return its promise', () => {
  it('returns the promise in the helper block, the block the fix shows', () => {
    const m = engine.diagnose(
      paste("export function fetchData(url, params) {\n  axios.post(url, params)\n  .then((response) => response)\n  .catch(error => Promise.reject(error))\n}"),
    ).matches[0]!;
    expect(m.rule.id).toBe('js/then-not-a-function');
    expect(m.fix?.code).toContain('  return axios.post(url, params)\n  .then((response) => response)');
    expect(m.fix?.code).toContain('export function fetchData(url, params) {');
    expect(m.fix?.code).not.toContain('initOffices');
    expect(say(m.fix!.note)).toContain('fetchData');
  });

  it('leaves the helper alone when its last statement is no promise', () => {
    const m = engine.diagnose(paste('export function fetchData(url, params) {\n  console.log(url, params)\n}')).matches[0];
    expect(m?.fix?.code ?? '').not.toContain('return');
  });
});
