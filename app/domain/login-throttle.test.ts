import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, CLIENT_RULE, countedAttemptWaitMs, lockMessage, lockRemainingMs, recordFailure, type ThrottleState } from "./login-throttle";

const MIN = 60_000;

describe("login throttle", () => {
  it("locks on the 5th failure within the window, for 15 minutes", () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 4; i++) s = recordFailure(s, i * MIN, ACCOUNT_RULE);
    expect(s).toEqual({ failures: 4, windowStart: 0, lockedUntil: null });
    expect(lockRemainingMs(s, 4 * MIN)).toBe(0);
    s = recordFailure(s, 4 * MIN, ACCOUNT_RULE);
    expect(s.lockedUntil).toBe(19 * MIN);
    expect(lockRemainingMs(s, 10 * MIN)).toBe(9 * MIN);
    expect(lockRemainingMs(s, 19 * MIN)).toBe(0);
  });
  it("failures spread beyond the window do not lock", () => {
    let s: ThrottleState | null = null;
    for (let i = 0; i < 10; i++) s = recordFailure(s, i * 16 * MIN, ACCOUNT_RULE);
    expect(s!.failures).toBe(1);
    expect(s!.lockedUntil).toBeNull();
  });
  it("a failure after the lock expired starts a new window", () => {
    const locked: ThrottleState = { failures: 5, windowStart: 0, lockedUntil: 15 * MIN };
    expect(recordFailure(locked, 16 * MIN, ACCOUNT_RULE)).toEqual({ failures: 1, windowStart: 16 * MIN, lockedUntil: null });
  });
  it("checks the password of counted attempts up to the allowance, the one reaching it included", () => {
    const cases: [number, typeof ACCOUNT_RULE, number][] = [
      [1, ACCOUNT_RULE, 0],
      [4, ACCOUNT_RULE, 0],
      [5, ACCOUNT_RULE, 0],
      [6, ACCOUNT_RULE, 15 * MIN],
      [20, ACCOUNT_RULE, 15 * MIN],
      [30, CLIENT_RULE, 0],
      [31, CLIENT_RULE, 15 * MIN],
    ];
    for (const [failures, rule, wait] of cases) expect(countedAttemptWaitMs(failures, rule), `${failures}/${rule.maxFailures}`).toBe(wait);
  });
  it("says how many minutes to wait, rounded up", () => {
    expect(lockMessage(61_000)).toBe("登录尝试次数过多，请 2 分钟后再试。");
    expect(lockMessage(1)).toBe("登录尝试次数过多，请 1 分钟后再试。");
  });
});
