// Preloaded into a spawned CLI (`node --import ./test/cli/peak-rss.mjs bin/awaitbot.js …`):
// on exit, writes the process's own peak resident memory (KB) and CPU time (ms) to $PEAK_RSS_FILE as JSON.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const u = process.resourceUsage();
  if (process.env.PEAK_RSS_FILE) writeFileSync(process.env.PEAK_RSS_FILE, JSON.stringify({ peakKb: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }));
});
// A test may stop a command that would read forever (`batch < /dev/zero`); exit normally so the figure is written.
process.on('SIGTERM', () => process.exit(143));
