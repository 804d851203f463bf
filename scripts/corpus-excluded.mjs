#!/usr/bin/env node
// Prints each given URL that names a thread kept out of the corpus (../shared/corpus/exclude.sha256); exit 1 if any.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const listPath = fileURLToPath(new URL('../../shared/corpus/exclude.sha256', import.meta.url));
const excluded = new Set(readFileSync(process.env.AWAITBOT_EXCLUDE_LIST ?? listPath, 'utf8').split('\n').filter(Boolean));
export const threadKey = (url) =>
  url.toLowerCase().match(/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull|discussions)\/\d+/)?.[0].replace(/\/(pull|discussions)\//, '/issues/');
const bad = process.argv.slice(2).filter((u) => {
  const k = threadKey(u);
  return !!k && excluded.has(createHash('sha256').update(k).digest('hex'));
});
for (const u of bad) console.log(u);
process.exit(bad.length ? 1 : 0);
