/**
 * Sentences pieced together from catalog fragments ("`x()` inside " + "inside `async def f`") can
 * say a word twice. Every English text reply to the working part of the real-paste corpus is read
 * once, outside code, for a word repeated back to back.
 */
import { expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with `npm run eval`
import { loadCorpus } from '../../scripts/corpus.mjs';
import { createEngine } from '../../src/engine.js';
import { renderText } from '../../src/render/text.js';
import { proseOf } from './english-prose.js';

it('no English reply to a real paste says a word twice in a row', async () => {
  const engine = await createEngine();
  const doubled = new Map<string, string>();
  const working = (loadCorpus() as { id: string; text: string; sealed: boolean }[]).filter((c) => !c.sealed);
  for (const c of working) {
    const prose = proseOf(renderText(engine.diagnose(c.text)));
    for (const m of prose.matchAll(/\b([A-Za-z]+) \1\b/g)) if (!doubled.has(m[0])) doubled.set(m[0], c.id);
  }
  expect(working.length).toBeGreaterThan(500);
  expect([...doubled].map(([words, id]) => `${id}: "${words}"`)).toEqual([]);
});
