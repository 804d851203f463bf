/**
 * The case each rule's reply is shown with: its first captured fixture (by
 * name) that the engine answers with that rule. The reply snapshots and the
 * Chinese-reply checks read the same cases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from '../../src/engine.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const captured = /\.(?:out\.txt|paste\.md|issue\.txt)$/;

export function firstAnswered(engine: Engine, id: string): { file: string; text: string } | null {
  const dir = join(root, 'test/fixtures/cases', id);
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => captured.test(f)).sort();
  } catch {
    return null;
  }
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    if (engine.diagnose(text).matches[0]?.rule.id === id) return { file: f, text };
  }
  return null;
}

/** Every rule in use, with the case its reply is shown with (null when no fixture is answered with it). */
export function replyCases(engine: Engine): { id: string; fixture: { file: string; text: string } | null }[] {
  return engine.rules.filter((r) => r.status !== 'deprecated').map((r) => ({ id: r.id, fixture: firstAnswered(engine, r.id) }));
}
