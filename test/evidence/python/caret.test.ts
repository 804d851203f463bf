/** Where a SyntaxError's caret points: the word before the caret's word, to the end of the line. */
import { describe, expect, it } from 'vitest';
import { pointedAt } from '../../../src/evidence/python/caret.js';

describe('pointedAt', () => {
  it.each([
    // Python 3.5 (aio-libs/aiohttp#982, in the REPL): the caret under the end of `with`, after `async`.
    ['    async with aiohttp.ClientSession():', '             ^', 'async with aiohttp.ClientSession():'],
    // The same with Python's four-space lead lost from the source line only.
    ['async with aiohttp.ClientSession() as session:', '             ^', 'async with aiohttp.ClientSession() as session:'],
    // 3.5 `await` in a plain function fails at the name after it.
    ['    data = await fetch(url)', '                   ^', 'await fetch(url)'],
    // 3.5 on an f-string (stevenktruong/pug-bot#2): the caret is at the string's end, far from the await.
    ['    await pug.channel.send(f"`{pug.name}` was deleted for inactivity.")', '                                                                     ^', 'for inactivity.")'],
    // 3.10+ underlines a range: its first caret counts.
    ['    print "hello"', '    ^^^^^^^^^^^^^', 'print "hello"'],
  ])('%s', (source, caret, pointed) => {
    expect(pointedAt(source, caret)).toBe(pointed);
  });

  it('says nothing for a line that is not a caret line or a caret past the source', () => {
    expect(pointedAt('    x = 1', '    ~~~^^^')).toBe(null);
    expect(pointedAt('    x', '                ^')).toBe(null);
  });
});
