#!/usr/bin/env node
// Entry point for `npx awaitbot …` and `npm start`. The TypeScript sources are
// compiled to dist/ by `npm ci` (the "prepare" script), so users need no build step.
import { setFlagsFromString } from 'node:v8';

// Defence in depth against a rule regex that backtracks badly on a hostile paste:
// V8 falls back to its linear-time engine instead of hanging (see stack-notes).
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

// `awaitbot export | head` closes the pipe once the reader has enough: that is the
// reader being done, not a failure, so stop quietly with success (as `git log | head` does).
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
