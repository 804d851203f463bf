// The pastes of the test fixtures (program output, pastes and issue texts under test/fixtures), the
// corpus the engine and FAQ-trigger benches time per paste.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../../test/fixtures', import.meta.url));
const pasteFile = /\.(out\.txt|paste\.md|issue\.txt)$/;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : pasteFile.test(e.name) ? [join(dir, e.name)] : []));
}

/** Every fixture paste's text, in a stable order. */
export function fixturePastes() {
  return walk(fixtures).map((f) => readFileSync(f, 'utf8'));
}
