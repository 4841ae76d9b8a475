/**
 * The survey submit rate limit shared by every app process on the database (RateCounter). The rule — windows,
 * allowance, merge — is app/domain/survey/rate-limit.ts; this file keeps the process's tally and syncs it.
 *
 * No database round trip on the request path: `allowSubmission` decides from the local tally. A timer (every
 * SUBMIT_RATE.syncMs, unref'd so tests and CLIs exit; stopped after a window without requests) adds the increments of
 * each busy key into RateCounter with one upsert per batch of keys, reading the global counts back in the same
 * statement (RETURNING), then reads the keys of the window that are over the allowance anywhere (few rows: only busy
 * keys are written), and deletes windows that ended before the previous one. A failed sync keeps the increments
 * pending and the process deciding on its own counts.
 */
import { Prisma } from "#app/generated/prisma/client";
import { prisma } from "#app/utils/db.server";
import { RateTally, SUBMIT_RATE, windowOf, type FlushBatch } from "#app/domain/survey/rate-limit";

/** Rows per upsert: ~3 parameters a row stays far below SQLite's and PostgreSQL's parameter limits. */
const ROWS_PER_STATEMENT = 1000;
/** Longest key stored (a forged X-Forwarded-For can be long). */
const MAX_KEY_LENGTH = 120;

interface SyncState {
  tally: RateTally;
  timer: NodeJS.Timeout | null;
  /** The sync under way (the timer skips a tick while one runs; explicit calls queue after it). */
  running: Promise<void> | null;
  /** Last window whose expired predecessors were deleted. */
  sweptWindow: number;
  /** Whether this process wrote counts since it last deleted expired windows (an idle process deletes nothing). */
  wroteSinceSweep: boolean;
  lastErrorAt: number;
  /** Last time allowSubmission was called (the timer stops after a window without any). */
  lastTakeAt: number;
}

// On globalThis so Vite's dev reloads keep one tally and one timer per process.
const globalForRate = globalThis as unknown as { submitRateLimit?: SyncState };
const state: SyncState = (globalForRate.submitRateLimit ??= { tally: new RateTally(SUBMIT_RATE), timer: null, running: null, sweptWindow: -1, wroteSinceSweep: false, lastErrorAt: 0, lastTakeAt: 0 });

/** The counter key of a client address. */
export function submitRateKey(client: string): string {
  return `submit:${client}`.slice(0, MAX_KEY_LENGTH);
}

/**
 * Decides one survey submission of a client (address) from this process's tally: true = go on, false = answer 429.
 * Synchronous; the shared count is merged in the background.
 */
export function allowSubmission(client: string, nowMs = Date.now()): boolean {
  state.lastTakeAt = nowMs;
  if (!state.timer) {
    state.timer = setInterval(onTick, SUBMIT_RATE.syncMs);
    state.timer.unref();
  }
  return state.tally.take(submitRateKey(client), nowMs);
}

function onTick() {
  if (state.running) return;
  const now = Date.now();
  void syncRateCounters(now);
  // Idle for a whole window (and its last increments written by this tick): no more syncing until the next request.
  if (now - state.lastTakeAt > 2 * 1000 * SUBMIT_RATE.windowSeconds && state.timer) {
    clearInterval(state.timer);
    state.timer = null;
  }
}

/**
 * Merges this process's pending increments into RateCounter and reads the global counts back (the timer calls it;
 * tests and a shutdown may call it to sync at once). Never rejects.
 */
export function syncRateCounters(nowMs?: number): Promise<void> {
  const previous = state.running ?? Promise.resolve();
  const run: Promise<void> = previous.then(() => syncOnce(nowMs ?? Date.now())).catch((e) => reportError(e, Date.now()));
  state.running = run;
  void run.finally(() => {
    if (state.running === run) state.running = null;
  });
  return run;
}

async function syncOnce(nowMs: number): Promise<void> {
  for (const batch of state.tally.drain(nowMs)) {
    for (let i = 0; i < batch.increments.length; i += ROWS_PER_STATEMENT) {
      const part = batch.increments.slice(i, i + ROWS_PER_STATEMENT);
      try {
        state.tally.settle(batch.window, part, await addCounts(batch.window, part));
        state.wroteSinceSweep = true;
      } catch (e) {
        state.tally.restore(batch.window, part);
        reportError(e, nowMs);
      }
    }
  }
  const current = windowOf(nowMs, SUBMIT_RATE);
  try {
    state.tally.learn(current, await usedUpKeys(current));
  } catch (e) {
    reportError(e, nowMs);
  }
  if (state.sweptWindow !== current && state.wroteSinceSweep) {
    state.sweptWindow = current;
    state.wroteSinceSweep = false;
    try {
      await prisma.rateCounter.deleteMany({ where: { window: { lt: current - 1 } } });
    } catch (e) {
      reportError(e, nowMs);
    }
  }
}

/** Adds the increments of one window and returns the global count of each key (one statement). */
async function addCounts(window: number, increments: FlushBatch["increments"]): Promise<Map<string, number>> {
  // Quoted identifiers and `excluded` are the same upsert on SQLite (≥ 3.35 for RETURNING) and PostgreSQL; the
  // target table must be named in the SET expression for PostgreSQL. Keys in one order in every process: two
  // processes' upserts then lock the rows in the same order and cannot deadlock.
  const sorted = [...increments].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = await prisma.$queryRaw<{ key: string; count: number | bigint }[]>`
    INSERT INTO "RateCounter" ("key", "window", "count")
    VALUES ${Prisma.join(sorted.map((i) => Prisma.sql`(${i.key}, ${window}, ${i.count})`))}
    ON CONFLICT ("key", "window") DO UPDATE SET "count" = "RateCounter"."count" + excluded."count"
    RETURNING "key", "count"`;
  return new Map(rows.map((r) => [r.key, Number(r.count)]));
}

/** The keys of a window whose global count has reached the allowance (written by any process). */
async function usedUpKeys(window: number): Promise<Map<string, number>> {
  const rows = await prisma.rateCounter.findMany({ where: { window, count: { gte: SUBMIT_RATE.allowance } }, select: { key: true, count: true } });
  return new Map(rows.map((r) => [r.key, r.count]));
}

function reportError(e: unknown, nowMs: number) {
  // At most one line a minute while the database is unreachable (the limit then works per process).
  if (nowMs - state.lastErrorAt < 60_000) return;
  state.lastErrorAt = nowMs;
  console.error("submit rate limit: sync with RateCounter failed; deciding per process until it works again", e);
}
