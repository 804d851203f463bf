/**
 * Questions asked in words get the rule they describe, as a likely match below the confidence at
 * which help-channel watching answers unasked; chat, output and off-topic questions get nothing.
 */
import { describe, expect, it } from 'vitest';
import { confidentAt } from '../../src/discord/answer.js';
import { createEngine } from '../../src/engine.js';
import { questionLanguage, tokenize } from '../../src/match/prose.js';

const engine = await createEngine();
const best = (text: string) => engine.diagnose(text).matches[0] ?? null;

describe('a question asked in words', () => {
  it.each([
    ['my forEach with an async callback does not wait before the next line runs', 'js/async-foreach'],
    ['the bot freezes for everyone while one command does time.sleep, why?', 'py/blocking-call-in-async'],
    ['my async function returns a promise instead of the data, so the value is never there', 'js/promise-used-as-value'],
    ['how do I call asyncio.run inside a jupyter notebook cell? it complains', 'py/asyncio-run-nested'],
    ['in python I forgot to await an async function and nothing happens, no error at all', 'py/coroutine-never-awaited'],
    ['forEach 里面用 async await 为什么不等待？', 'js/async-foreach'],
    ['time.sleep 会阻塞事件循环吗？机器人卡住了', 'py/blocking-call-in-async'],
  ])('%s', (text, rule) => {
    const m = best(text);
    expect(m?.rule.id).toBe(rule);
    expect(m?.likely).toBe(true);
    // Never sure enough to be posted unasked in a watched channel.
    expect(m!.confidence).toBeGreaterThanOrEqual(0.5);
    expect(m!.confidence).toBeLessThan(confidentAt);
  });

  it.each([
    ['plain chat', 'hey everyone, anyone up for a game tonight? I will bring snacks'],
    ['a question about something else', 'how do I center a div with flexbox in my page layout please'],
    ['an error line in prose is answered from the error, not the words', 'Crash: Improper token has been passed. I need help with my bot task'],
    ['a CORS message', 'Access to fetch at https://api.example.org has been blocked by CORS policy: No Access-Control-Allow-Origin header'],
    ['a question with a code block', 'why does this hang?\n```python\nimport os\nprint(os.getcwd())\nx = 1\n```'],
  ])('%s gets no likely match', (_, text) => {
    expect(engine.diagnose(text).matches.filter((m) => m.likely)).toEqual([]);
  });

  it('marks a likely match in the JSON and text replies', async () => {
    const { diagnosisToJson } = await import('../../src/render/json.js');
    const { renderMatchText } = await import('../../src/render/text.js');
    const d = engine.diagnose('my forEach with an async callback does not wait before the next line runs');
    expect(diagnosisToJson(d).matches[0]?.likely).toBe(true);
    expect(renderMatchText(d.matches[0]!, 0)).toContain('likely match, from your description');
  });
});

describe('tokenising for retrieval', () => {
  it('splits Chinese runs into overlapping pairs and keeps Latin words', () => {
    expect(tokenize('forEach里用async不等待')).toEqual(['foreach', '里用', 'async', '不等', '等待']);
  });

  it('drops stop words and single letters', () => {
    expect(tokenize('Why is my loop a problem')).toEqual(['loop', 'problem']);
  });

  it('knows which language a question names', () => {
    expect(questionLanguage('asyncio coroutine question')).toBe('python');
    expect(questionLanguage('my promise in node')).toBe('javascript');
    expect(questionLanguage('async await question')).toBe(null);
  });
});
