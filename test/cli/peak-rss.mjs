// Preloaded into a spawned CLI (`node --import ./test/cli/peak-rss.mjs bin/awaitbot.js …`):
// on exit, writes the process's own peak resident memory (KB) to $PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.PEAK_RSS_FILE) writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
// A test may stop a command that would read forever (`batch < /dev/zero`); exit normally so the figure is written.
process.on('SIGTERM', () => process.exit(143));
