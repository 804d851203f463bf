/**
 * People paste the few lines that matter and say in words where they run ("this is in an async
 * routine", "the async `on_message` handler … downloads with requests.get"). Code that shows no
 * function, import or class of its own is then read as that async function's body. Words that turn
 * it around (an engine's "only valid in async function", "not in an async function") do not count,
 * and neither does a paste whose code is a whole file.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

const pyFragment = ['```python', 'elif media_type.startswith("video/"):', '    req = requests.get(media_url)', '    message_video = req.content', '```'].join('\n');
const jsLine = ['```js', 'this.$password = bcrypt.hashSync(plain, salt);', '```'].join('\n');

describe('the paste says its code runs in an async function', () => {
  it('Python: a fragment described as part of an async handler is that handler\'s body (blocking call found)', () => {
    const paste = `The async \`on_message\` handler downloads attachments with a blocking call:\n\n${pyFragment}`;
    expect(rulesOf(paste)[0]).toBe('py/blocking-call-in-async');
  });

  it('JavaScript: one line said to be "in an async routine" is read inside one (blocking call found)', () => {
    const paste = `Loopback has this line:\n\n${jsLine}\n\nThis is in an async routine, right? Shouldn't it use the async version?`;
    expect(rulesOf(paste)[0]).toBe('js/blocking-call-in-async');
  });

  it('without the words, the same code is a script and stays silent', () => {
    expect(rulesOf(`Loopback has this line:\n\n${jsLine}`)).toEqual([]);
    expect(rulesOf(`Here is the code:\n\n${pyFragment}`)).toEqual([]);
  });

  it('words that turn it around do not count', () => {
    expect(rulesOf(`It is not in an async function, it runs in a worker thread:\n\n${pyFragment}`)).toEqual([]);
    expect(rulesOf(`This code runs outside any async handler, at startup:\n\n${jsLine}`)).toEqual([]);
  });

  it('a paste whose code is a whole script (a def, an import) is read as the script it is', () => {
    const script = ['```python', 'import requests', '', 'def download(url):', '    return requests.get(url).content', '```'].join('\n');
    expect(rulesOf(`I call this from inside my async handler:\n\n${script}`)).toEqual([]);
    const module = ['```js', "const bcrypt = require('bcrypt');", 'function hash(plain, salt) {', '  return bcrypt.hashSync(plain, salt);', '}', '```'].join('\n');
    expect(rulesOf(`I call this from inside my async handler:\n\n${module}`)).toEqual([]);
  });
});
