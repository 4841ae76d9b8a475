/**
 * The survey submit rate limit, shared by several app processes on one database: the decision rule (pure; the
 * database side is app/models/rate-limit.server.ts).
 *
 * Fixed windows: window number = ⌊epoch seconds / windowSeconds⌋. Each process keeps, per key (client address) and
 * window, a local tally. About every `syncMs` (and once more when a window has ended) it merges its increments into
 * the shared counter and reads back the global count of every key it flushed, plus every key that has used up the
 * allowance anywhere. A request is allowed while
 *   global count at the last sync + own increments since that sync  <  allowance
 * and then counts one; a refused request counts nothing (like the token bucket before it).
 *
 * A key is written only once this process has counted `syncFrom` requests of it in the window: a phone on its own
 * address sends one or two submissions, and writing a row for each of them (~5 000 rows/s at the benchmark's load,
 * every request from another address) would cost far more than it protects.
 *
 * Numbers (SUBMIT_RATE): 300 submissions per key per 10 s window — the sustained 30/s of the former per-process token
 * bucket (300 burst, 30/s refill), generous because a whole school shares one NAT address. Across a window boundary at
 * most 2 × 300 pass within a short time, as the bucket let 300 + 300 refilled pass within 10 s. Synced every second,
 * written from the 10th request. With N processes a key may pass at most allowance + N × (syncFrom − 1) + what the N
 * processes accept within one sync interval before each has learnt the global count (e.g. 4 processes: 300 + 36 + ~1 s
 * of the key's traffic).
 */
export interface RateRule {
  /** Window length, seconds. */
  windowSeconds: number;
  /** Requests allowed per key and window (all processes together). */
  allowance: number;
  /** How often a process merges its increments into the shared counter, ms. */
  syncMs: number;
  /** A process writes a key once it has counted this many of its requests in the window (≥ 1). */
  syncFrom: number;
  /** Keys tracked per window and process; beyond it an unseen key is allowed untracked (bounded memory under address spraying). */
  maxKeys: number;
}

/** 300 per 10 s per client address, synced every second, written from the 10th request of the window. */
export const SUBMIT_RATE: RateRule = { windowSeconds: 10, allowance: 300, syncMs: 1000, syncFrom: 10, maxKeys: 200_000 };

/** The window a time falls in: ⌊epoch ms / 1000 / windowSeconds⌋ (integer). */
export function windowOf(nowMs: number, rule: Pick<RateRule, "windowSeconds">): number {
  return Math.floor(nowMs / (1000 * rule.windowSeconds));
}

/** When a window ends (epoch ms, exclusive). */
export function windowEndMs(window: number, rule: Pick<RateRule, "windowSeconds">): number {
  return (window + 1) * 1000 * rule.windowSeconds;
}

/** One key in one window, as one process sees it. */
export interface KeyTally {
  /** Global count read back at the last sync (includes this process's increments flushed until then). */
  synced: number;
  /** Own increments handed to the database and not yet confirmed. */
  inFlight: number;
  /** Own increments since then, not yet handed over. */
  pending: number;
}

/** What this process believes the key's count is now. */
export function estimate(t: KeyTally | undefined): number {
  return t ? t.synced + t.inFlight + t.pending : 0;
}

/** Whether one more request fits: estimate < allowance (so exactly `allowance` requests pass per window). */
export function allows(t: KeyTally | undefined, allowance: number): boolean {
  return estimate(t) < allowance;
}

/**
 * The tally after a flush of `flushed` increments came back with the key's global count `global` (which includes
 * them). Increments made while the flush was under way stay pending.
 */
export function mergeGlobal(t: KeyTally, flushed: number, global: number): KeyTally {
  return { synced: global, inFlight: Math.max(0, t.inFlight - flushed), pending: t.pending };
}

/** One window's increments to add to the shared counter (keys unique). */
export interface FlushBatch {
  window: number;
  increments: { key: string; count: number }[];
}

/**
 * One process's local tallies. Keeps the current window and the one before (its last increments are flushed after
 * it ends); older windows are dropped.
 */
export class RateTally {
  private readonly windows = new Map<number, Map<string, KeyTally>>();

  constructor(readonly rule: RateRule) {}

  /** Decides one request of `key` at `nowMs`; counts it when allowed. */
  take(key: string, nowMs: number): boolean {
    const tallies = this.tallies(windowOf(nowMs, this.rule));
    const t = tallies.get(key);
    if (!allows(t, this.rule.allowance)) return false;
    if (t) t.pending += 1;
    else if (tallies.size < this.rule.maxKeys) tallies.set(key, { synced: 0, inFlight: 0, pending: 1 });
    return true;
  }

  /** The key's current estimate (tests, diagnostics). */
  count(key: string, nowMs: number): number {
    return estimate(this.windows.get(windowOf(nowMs, this.rule))?.get(key));
  }

  /**
   * Hands over the pending increments of every key counted at least `syncFrom` times (oldest window first), moving
   * them to in flight. Windows that ended before the previous one are dropped first; a window that has ended is
   * dropped once drained (its final increments go out).
   */
  drain(nowMs: number): FlushBatch[] {
    const current = windowOf(nowMs, this.rule);
    this.dropBefore(current - 1);
    const out: FlushBatch[] = [];
    for (const [window, tallies] of [...this.windows].sort((a, b) => a[0] - b[0])) {
      const increments: FlushBatch["increments"] = [];
      for (const [key, t] of tallies) {
        if (t.pending === 0 || estimate(t) < this.rule.syncFrom) continue;
        increments.push({ key, count: t.pending });
        t.inFlight += t.pending;
        t.pending = 0;
      }
      if (increments.length) out.push({ window, increments });
      if (window < current) this.windows.delete(window);
    }
    return out;
  }

  /** Global counts read back for (part of) a batch; keys missing from `globals` keep their estimate. */
  settle(window: number, increments: FlushBatch["increments"], globals: ReadonlyMap<string, number>): void {
    const tallies = this.windows.get(window);
    if (!tallies) return;
    for (const { key, count } of increments) {
      const t = tallies.get(key);
      const global = globals.get(key);
      if (!t) continue;
      if (global === undefined) {
        t.inFlight = Math.max(0, t.inFlight - count);
        t.synced += count;
      } else tallies.set(key, mergeGlobal(t, count, global));
    }
  }

  /**
   * Global counts of keys read without a flush of this process (those over the allowance anywhere): the tally takes
   * the larger of its own estimate and the global count, so a key used up by other processes is refused here too.
   */
  learn(window: number, globals: ReadonlyMap<string, number>): void {
    if (globals.size === 0) return;
    const tallies = this.tallies(window);
    for (const [key, global] of globals) {
      const t = tallies.get(key);
      if (t) t.synced = Math.max(t.synced, global);
      else if (tallies.size < this.rule.maxKeys) tallies.set(key, { synced: global, inFlight: 0, pending: 0 });
    }
  }

  /** Increments that could not be stored: pending again (retried at the next sync while their window lasts). */
  restore(window: number, increments: FlushBatch["increments"]): void {
    const tallies = this.windows.get(window);
    if (!tallies) return;
    for (const { key, count } of increments) {
      const t = tallies.get(key);
      if (!t) continue;
      t.inFlight = Math.max(0, t.inFlight - count);
      t.pending += count;
    }
  }

  /** Keys tracked in all windows held (memory bound checks). */
  get size(): number {
    let n = 0;
    for (const m of this.windows.values()) n += m.size;
    return n;
  }

  /** The tallies of a window, created on first use (windows before the previous one are dropped then). */
  private tallies(window: number): Map<string, KeyTally> {
    let tallies = this.windows.get(window);
    if (!tallies) {
      tallies = new Map();
      this.windows.set(window, tallies);
      this.dropBefore(window - 1);
    }
    return tallies;
  }

  private dropBefore(window: number) {
    for (const w of this.windows.keys()) if (w < window) this.windows.delete(w);
  }
}
