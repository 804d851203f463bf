/**
 * Per-user rate limit: at most `limit` explanations per `windowMs`. A sliding
 * window kept in memory; old users are forgotten as the map is swept.
 */
export class RateLimiter {
  private hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    readonly limit = 6,
    readonly windowMs = 30_000,
  ) {}

  /** Records a hit; returns 0 when allowed, else the seconds to wait. */
  take(userId: string, now = Date.now()): number {
    this.sweep(now);
    const recent = (this.hits.get(userId) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(userId, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.set(userId, recent);
    return 0;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [user, times] of this.hits) if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(user);
  }
}
