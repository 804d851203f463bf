// The percentiles every bench reports, computed one way: the value below which p % of the samples lie
// (nearest rank, no interpolation), so p50 and p99 mean the same thing in every table.

/** The p-th percentile (0-100) of `xs`. */
export const percentile = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
};

/** The middle value of `xs` (the upper one of an even count). */
export const median = (xs) => percentile(xs, 50);
