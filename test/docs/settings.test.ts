/** Every setting the code reads is in .env.example and documented for self-hosters, and nothing documented is dead. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { settingNames } from '../../src/config.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// USER only names the local console user in its case rows, LC_ALL/LANG only say the terminal's
// language (the CLI answers in it) and NO_COLOR whether it wants styles (no-color.org); they are the
// shell's, not awaitbot's settings. SHARDING_MANAGER is set by discord.js in the shard processes it
// starts, never by a person.
const notSettings = new Set(['USER', 'LC_ALL', 'LANG', 'NO_COLOR', 'SHARDING_MANAGER']);
// src/config.ts is the one module that reads the environment: its variables are the settings the code reads.
const readByCode = new Set(settingNames.filter((k) => !notSettings.has(k)));
const example = new Set([...readFileSync(join(root, '.env.example'), 'utf8').matchAll(/^([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));
const documented = readFileSync(join(root, 'docs/self-hosting.md'), 'utf8');

it('.env.example lists every setting the code reads, and only those', () => {
  expect([...example].sort()).toEqual([...readByCode].sort());
});

it('docs/self-hosting.md documents every setting of .env.example', () => {
  expect([...example].filter((k) => !documented.includes('`' + k + '`'))).toEqual([]);
});
