/**
 * Failed-login throttling, applied per account and per client. The same rule applies to logins
 * that do not exist, so the throttle reveals nothing about which accounts exist.
 *
 * Times are epoch milliseconds. A window opens at the first failure; `maxFailures` failures inside
 * `windowMs` lock the key for `lockMs`. A success clears the account's key (not the client's).
 */
export interface ThrottleRule {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}
export interface ThrottleState {
  failures: number;
  windowStart: number;
  lockedUntil: number | null;
}

const MINUTE = 60_000;
/** Per account: 5 failures in 15 minutes → locked 15 minutes. */
export const ACCOUNT_RULE: ThrottleRule = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Per client address: generous, because a whole bureau may sit behind one address. */
export const CLIENT_RULE: ThrottleRule = { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

/** Milliseconds until the key may try again (0 = allowed now). */
export function lockRemainingMs(state: ThrottleState | null, now: number): number {
  if (!state?.lockedUntil) return 0;
  return Math.max(0, state.lockedUntil - now);
}

/**
 * The state after one more failure at `now`. The database applies this rule in one statement
 * (app/models/login-throttle.server.ts, checked against this function by test/integration/auth.test.ts).
 */
export function recordFailure(state: ThrottleState | null, now: number, rule: ThrottleRule): ThrottleState {
  const fresh = !state || now - state.windowStart >= rule.windowMs || (state.lockedUntil !== null && state.lockedUntil <= now);
  const failures = fresh ? 1 : state.failures + 1;
  const windowStart = fresh ? now : state.windowStart;
  return { failures, windowStart, lockedUntil: failures >= rule.maxFailures ? now + rule.lockMs : null };
}

/**
 * An attempt is counted as a failure before its password is checked, so parallel attempts each take their own
 * place in the allowance. Milliseconds the attempt that brought the count to `failures` must wait: 0 while the
 * count is within the allowance (the password is checked; the attempt that reaches it locks the key but is still
 * checked, as one by one), else the lock that count set (recordFailure: `lockMs` from now).
 */
export function countedAttemptWaitMs(failures: number, rule: ThrottleRule): number {
  return failures <= rule.maxFailures ? 0 : rule.lockMs;
}

/** Chinese message shown while locked; rounds the wait up to whole minutes. */
export function lockMessage(remainingMs: number): string {
  return `登录尝试次数过多，请 ${Math.max(1, Math.ceil(remainingMs / MINUTE))} 分钟后再试。`;
}
