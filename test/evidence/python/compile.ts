/** Compiles Python sources with the real python3 (one process for a whole table). */
import { execFileSync } from 'node:child_process';

const SCRIPT = `
import ast, json, sys
out = []
for item in json.load(sys.stdin):
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if item["notebook"] else 0
    try:
        compile(item["code"], "<snippet>", "exec", flags=flags, dont_inherit=True)
        out.append(None)
    except SyntaxError as e:
        out.append(f"{e.msg} (line {e.lineno})")
print(json.dumps(out))
`;

/** For each source, null when it compiles, else Python's SyntaxError message. */
export function compilePython(items: { code: string; notebook: boolean }[]): (string | null)[] {
  const stdout = execFileSync('python3', ['-c', SCRIPT], { input: JSON.stringify(items), encoding: 'utf8' });
  return JSON.parse(stdout) as (string | null)[];
}
