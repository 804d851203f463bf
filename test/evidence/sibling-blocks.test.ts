/**
 * A paste often shows the definition in one code block and the call in another
 * ("here is my helper … and here is how I call it"): the call is only wrong
 * because of the other block. Each block is analysed with what its siblings of
 * the same language show to be async.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine.js';

const engine = await createEngine();
const rulesOf = (text: string) => engine.diagnose(text).matches.map((m) => m.rule.id);

describe('code blocks of one paste inform each other', () => {
  it('Python: an async def in one block makes a bare call in another a coroutine used as a value', () => {
    const paste = [
      'My helper:',
      '```python',
      'async def get_title(html, n):',
      '    return html[:n]',
      '```',
      'and then I call it like this:',
      '```python',
      'def handler(html):',
      '    title = get_title(html, 5)',
      '    print(title.upper())',
      '```',
    ].join('\n');
    const d = engine.diagnose(paste);
    expect(d.matches[0]?.rule.id).toBe('py/coroutine-used-as-value');
    expect(d.matches[0]?.fix?.code).toContain('await get_title(html, 5)');
  });

  it('Python: a block that defines its own plain function of that name is not misread', () => {
    const paste = [
      '```python',
      'async def get_title(html, n):',
      '    return html[:n]',
      '```',
      '```python',
      'def get_title(html, n):',
      '    return html[:n]',
      '',
      'def handler(html):',
      '    title = get_title(html, 5)',
      '    print(title.upper())',
      '```',
    ].join('\n');
    expect(rulesOf(paste)).toEqual([]);
  });

  it('Python: a call of a name no block declares async stays silent', () => {
    const paste = ['```python', 'async def other():', '    return 1', '```', '```python', 'def handler(html):', '    title = get_title(html, 5)', '    print(title.upper())', '```'].join('\n');
    expect(rulesOf(paste)).toEqual([]);
  });

  it('Python: an async method in one block makes a self. call in another a coroutine used as a value', () => {
    const paste = [
      '```python',
      'class Api:',
      '    async def fetch_data(self, url):',
      '        return {"url": url}',
      '```',
      'and later, in the same class:',
      '```python',
      '    def handler(self, url):',
      '        data = self.fetch_data(url).json()',
      '        return data',
      '```',
    ].join('\n');
    const d = engine.diagnose(paste);
    expect(d.matches[0]?.rule.id).toBe('py/coroutine-used-as-value');
    // A `self.` call of a method no block declares async stays silent.
    expect(rulesOf(paste.replace('self.fetch_data(url).json()', 'self.parse(url).json()'))).toEqual([]);
  });

  it('JavaScript: a call chained with .then in one block floats when left bare in another', () => {
    const paste = [
      'This works',
      '```js',
      'SyncService.readAndSend()',
      '  .then((data) => console.log(data))',
      "  .catch((e) => console.log('catcha', e))",
      '```',
      'This does not work',
      '```js',
      'try {',
      '  SyncService.readAndSend()',
      '} catch (e) {',
      "  console.log('readAndSend', e)",
      '}',
      '```',
    ].join('\n');
    const d = engine.diagnose(paste);
    expect(d.matches[0]?.rule.id).toBe('js/floating-promise');
    expect(d.matches[0]?.fix?.code).toContain('await SyncService.readAndSend()');
  });

  it('JavaScript: the other block calling it in callback style does not count as a promise', () => {
    const paste = ['```js', "api.get('/a', (err, res) => show(res));", '```', '```js', 'try {', "  api.get('/b');", '} catch (e) {', '  report(e);', '}', '```'].join('\n');
    expect(rulesOf(paste)).toEqual([]);
  });
  it('JS: a helper that starts a request and returns nothing makes .then on its call in another block a then on undefined', () => {
    const paste = [
      'My helper:',
      '```js',
      'export function fetchData(url, params) {',
      '  axios.post(url, params)',
      '    .then((response) => response)',
      '    .catch((error) => Promise.reject(error));',
      '}',
      '```',
      'I call it like this:',
      '```js',
      'fetchData(url, params).then((response) => {',
      '  this.initOffices(response);',
      '});',
      '```',
    ].join('\n');
    expect(rulesOf(paste)[0]).toBe('js/then-not-a-function');
  });

  it('JS: a helper that returns its promise, or a block that defines its own function of that name, stays silent', () => {
    const returned = ['```js', 'export function fetchData(url) {', '  return axios.post(url).then((r) => r.data);', '}', '```', '```js', 'fetchData(url).then((data) => show(data));', '```'].join('\n');
    expect(rulesOf(returned)).toEqual([]);
    const own = [
      '```js',
      'function fetchData(url) {',
      '  axios.post(url).then((r) => r.data).catch(() => null);',
      '}',
      '```',
      '```js',
      'function fetchData(url) {',
      '  return axios.post(url).then((r) => r.data);',
      '}',
      'fetchData(url).then((data) => show(data));',
      '```',
    ].join('\n');
    expect(rulesOf(own)).toEqual([]);
  });

  it('JS: a CommonJS export that starts a fetch and returns nothing makes .then on its call in the importing block a then on undefined; one that returns the chain stays silent', () => {
    const block = (body: string[]) => ['```js', ...body, '```'];
    const caller = block(["import { getdata } from './api.js';", 'getdata(url).then((json) => console.log(json));']);
    const forgot = ['api.js', ...block(['exports.getdata = (url) => {', '  fetch(url).then((r) => r.json()).catch((e) => console.log(e));', '};']), 'file.js', ...caller].join('\n');
    expect(rulesOf(forgot)[0]).toBe('js/then-not-a-function');
    const returned = ['api.js', ...block(['exports.getdata = (url) => {', '  return fetch(url).then((r) => r.json());', '};']), 'file.js', ...caller].join('\n');
    expect(rulesOf(returned)).toEqual([]);
  });

  it('JS: the importing block logs the result of an export that starts a fetch and returns nothing (undefined); logging the result of one that returns the chain is another matter', () => {
    const block = (body: string[]) => ['```js', ...body, '```'];
    const caller = block(["import { getdata } from './api.js';", 'var a = getdata(payload);', 'console.log(a);']);
    const forgot = ['file.js', ...caller, 'api.js', ...block(['exports.getdata = (data) => {', '  fetch(url).then((r) => r.json()).catch((e) => console.log(e));', '};'])].join('\n');
    const d = engine.diagnose(forgot);
    expect(d.matches[0]?.rule.id).toBe('js/promise-used-as-value');
    expect(d.matches[0]?.where?.line).toBe(2);
    const unused = ['file.js', ...block(["import { getdata } from './api.js';", 'getdata(payload);']), 'api.js', ...block(['exports.getdata = (data) => {', '  fetch(url).then((r) => r.json()).catch((e) => console.log(e));', '};'])].join('\n');
    expect(rulesOf(unused)).toEqual([]);
  });
});
