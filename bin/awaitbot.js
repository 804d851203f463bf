#!/usr/bin/env node
// Entry point for `npx awaitbot …` and `npm start`. The TypeScript sources are
// compiled to dist/ by `npm ci` (the "prepare" script), so users need no build step.
import { setFlagsFromString } from 'node:v8';

// Defence in depth against a rule regex that backtracks badly on a hostile paste:
// V8 falls back to its linear-time engine instead of hanging (see stack-notes).
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
