/**
 * A test written as a method of a decorated suite class (mocha-typescript, testdeck: `@test async
 * 'name'(done) { … }`), pasted whole or as the methods alone with their decorators: the async
 * method that still takes `done` is the mistake, and the fix drops `done` as for `it(…, async (done) => …)`.
 */
import { checkSync } from 'recheck';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { TEST_DECORATOR } from '../../../src/evidence/javascript/snippet/detectors/done-with-promise.js';
import { DECORATOR_LINE, METHOD_HEADER, syntaxErrorCount } from '../../../src/evidence/javascript/snippet/parse.js';

const engine = await createEngine();

const method = `    @test()
    @timeout(20000)
    async 'charges once'(done): Promise<void> {
        const cards = await this.api.loadCards('cus_1');
        expect(cards.length).to.equal(1);
        done();
    }`;

const ask = (code: string) => engine.diagnose(`This test does not work with async/await:\n\`\`\`ts\n${code}\n\`\`\``).matches;

describe('an async test method of a decorated suite that still takes done', () => {
  it('pasted as the methods alone, is found and loses done and its call', () => {
    const m = ask(method)[0]!;
    expect(m.rule.id).toBe('js/mocha-done-with-async');
    expect(m.fix?.code).toContain("async 'charges once'(): Promise<void> {");
    expect(m.fix?.code).not.toContain('done');
  });

  it('pasted with its class, is fixed the same way and the fixed class parses', () => {
    const whole = `import { suite, test, timeout } from '@testdeck/mocha';\n\n@suite\nclass Charges {\n${method}\n}\n`;
    const m = ask(whole)[0]!;
    expect(m.rule.id).toBe('js/mocha-done-with-async');
    expect(m.fix?.code).toContain("async 'charges once'(): Promise<void> {");
    expect(syntaxErrorCount(m.fix!.code)).toBe(0);
  });

  it('is not the mistake when the method is not async (done is how a callback test ends)', () => {
    const callbackStyle = method.replace("async 'charges once'(done): Promise<void> {", "'charges once'(done) {").replace('const cards = await', 'const cards =');
    expect(ask(callbackStyle).map((m) => m.rule.id)).not.toContain('js/mocha-done-with-async');
  });

  it('is not the mistake in a method no test decorator marks (a controller route with a next-style parameter)', () => {
    const route = method.replace('@test()', "@Get('/charges')").replace('@timeout(20000)', '@UseGuards(AuthGuard)');
    expect(ask(route).map((m) => m.rule.id)).not.toContain('js/mocha-done-with-async');
  });
});

describe('the patterns that read a pasted method and its decorators', () => {
  it('run in linear time on any line', () => {
    for (const re of [METHOD_HEADER, DECORATOR_LINE, TEST_DECORATOR]) expect(checkSync(re.source, re.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
  });

  it('read a string-named method head and decorator lines, and not a call or a statement', () => {
    expect(METHOD_HEADER.test("    async 'charges once'(done): Promise<void> {")).toBe(true);
    expect(METHOD_HEADER.test("    it('charges once', async (done) => {")).toBe(false);
    expect(DECORATOR_LINE.test('    @timeout(20000)')).toBe(true);
    expect(DECORATOR_LINE.test('    @test() async run() {')).toBe(false);
    expect(TEST_DECORATOR.test("test('charges')")).toBe(true);
    expect(TEST_DECORATOR.test('testcase')).toBe(false);
  });
});
