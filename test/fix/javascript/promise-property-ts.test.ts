/**
 * TypeScript's "Property 'name' does not exist on type 'Promise<User | null>'." quoted under a class
 * whose repository call no detector knows returns a promise: the one call the property is read off
 * is awaited, and the method made async declares `Promise<string>` instead of `string` (an async
 * method's type must be a promise). The fixed file type-checks with tsc; the original does not.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSync } from 'recheck';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine.js';
import { PROMISE_PROPERTY } from '../../../src/fix/javascript/shown-value.js';

const engine = await createEngine();
const dir = mkdtempSync(join(tmpdir(), 'awaitbot-tsprop-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** tsc's diagnostics for the code after the declarations it uses ('' when it type-checks). */
function typeCheck(code: string): string {
  const file = join(dir, 'service.ts');
  writeFileSync(file, `interface User { name: string }\ninterface Repository<T> { findOne(q: unknown): Promise<T> }\n${code}\n`);
  try {
    execFileSync(process.execPath, [tsc, '--noEmit', '--target', 'es2022', file], { encoding: 'utf8', stdio: 'pipe', cwd: dir });
    return '';
  } catch (e) {
    return String((e as { stdout: string }).stdout);
  }
}

const service = `export class UserService {
  constructor(private readonly repo: Repository<User>) {}

  getName(id: number): string {
    const user = this.repo.findOne({ where: { id } });
    return user.name;
  }
}`;

describe("a property read off a promise, named by TypeScript's message", () => {
  it('awaits the call, makes the method async with a Promise return type, and the file type-checks', () => {
    expect(typeCheck(service)).toContain("Property 'name' does not exist on type 'Promise<User>'");
    const m = engine.diagnose(`\`\`\`ts\n${service}\n\`\`\`\nProperty 'name' does not exist on type 'Promise<User | null>'.`).matches[0]!;
    expect(m.rule.id).toBe('js/promise-used-as-value');
    expect(m.fix?.code).toContain('async getName(id: number): Promise<string> {');
    expect(m.fix?.code).toContain('const user = await this.repo.findOne({ where: { id } });');
    expect(typeCheck(m.fix!.code)).toBe('');
  });

  it('is not guessed when two calls have the property read off them, or the message names another property', () => {
    const two = service.replace('    return user.name;', '    const other = this.repo.findOne({ where: { id: id + 1 } });\n    return user.name + other.name;');
    for (const m of engine.diagnose(`\`\`\`ts\n${two}\n\`\`\`\nProperty 'name' does not exist on type 'Promise<User | null>'.`).matches) expect(m.fix?.code ?? '').not.toContain('await this.repo.findOne');
    for (const m of engine.diagnose(`\`\`\`ts\n${service}\n\`\`\`\nProperty 'email' does not exist on type 'Promise<User | null>'.`).matches) expect(m.fix?.code ?? '').not.toContain('await this.repo.findOne');
  });
});

it("reads TypeScript's message in linear time", () => {
  expect(checkSync(PROMISE_PROPERTY.source, PROMISE_PROPERTY.flags, { checker: 'automaton', timeout: 30_000 }).status).toBe('safe');
});
