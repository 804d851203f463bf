/** js.settle-timer on executors that never settle: the fixed programs run and finish. */
import { describe, expect, it } from 'vitest';
import { say } from '../../../src/render/messages.js';
import { fixWith, nodeRunner } from './node-programs.js';

const fix = (code: string) => fixWith('js.settle-timer', ['js.never-settles'], code);
const run = nodeRunner('awaitbot-settle-');

describe('JS settle-timer: a timer callback that hands resolve back without calling it', () => {
  it('hands the timer resolve itself; the await ends and the program goes on', () => {
    // yytypescript/book issue 1129: `setTimeout(() => resolve, 1000)`.
    const code = "async function main() {\n  await new Promise((resolve) => {\n    setTimeout(() => resolve, 10);\n  });\n  console.log('done');\n}\nmain();\n";
    expect(run(code, 'timer-before.cjs')).toBe('');
    const out = fix(code);
    expect(out?.code).toContain('    setTimeout(resolve, 10);\n');
    expect(run(out!.code, 'timer-after.cjs')).toBe('done');
  });
});

describe('JS settle-timer: an executor that resolves only when its test passes', () => {
  const program = (executor: string) => `function check(ok) {\n  return new Promise(${executor});\n}\ncheck(false).then((v) => console.log(v), (e) => console.log('rejected: ' + e.message));\n`;

  it('rejects otherwise, so the caller hears of it; the fixed program prints the rejection', () => {
    const code = program("(resolve) => {\n    if (ok) resolve('yes');\n  }");
    expect(run(code, 'paths-before.cjs')).toBe('');
    const out = fix(code);
    expect(out?.code).toContain("(resolve, reject) => {\n    if (ok) resolve('yes');\n    else reject(new Error('ok is false'));\n  }");
    expect(say(out!.note)).toContain('rejects when its test fails');
    expect(run(out!.code, 'paths-after.cjs')).toBe('rejected: ok is false');
  });

  it('uses the reject the executor already names, and keeps a braced branch braced', () => {
    const out = fix(program("(done, fail) => {\n    if (ok) {\n      done('yes');\n    }\n  }"));
    expect(out?.code).toContain("    if (ok) {\n      done('yes');\n    } else {\n      fail(new Error('ok is false'));\n    }\n");
    expect(run(out!.code, 'braced.cjs')).toBe('rejected: ok is false');
  });

  it('leaves an executor whose test is not its last statement, or that hands a callback on', () => {
    expect(fix(program("(resolve) => {\n    if (ok) resolve('yes');\n    console.log('checked');\n  }"))).toBeNull();
    expect(fix(program("(resolve) => {\n    queueMicrotask(() => console.log('later'));\n    if (ok) resolve('yes');\n  }"))).toBeNull();
  });
});
