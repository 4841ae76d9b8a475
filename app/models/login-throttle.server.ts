import { Prisma } from "#app/generated/prisma/client";
import { databaseKind, prisma } from "#app/utils/db.server";
import { ACCOUNT_RULE, CLIENT_RULE, countedAttemptWaitMs, lockRemainingMs, type ThrottleRule, type ThrottleState } from "#app/domain/login-throttle";

function toState(row: { failures: number; windowStart: Date; lockedUntil: Date | null } | null): ThrottleState | null {
  return row ? { failures: row.failures, windowStart: row.windowStart.getTime(), lockedUntil: row.lockedUntil?.getTime() ?? null } : null;
}

const keys = (login: string, client: string) => ({ account: `account:${login}`, client: `client:${client}` });

/** Milliseconds the login attempt must wait (the larger of the account's and the client's lock). */
export async function getLoginLock(login: string, client: string, now = Date.now()): Promise<number> {
  const k = keys(login, client);
  const rows = await prisma.loginThrottle.findMany({ where: { key: { in: [k.account, k.client] } } });
  return Math.max(0, ...rows.map((r) => lockRemainingMs(toState(r), now)));
}

// A time as a query parameter. The PostgreSQL driver adapter sends parameters untyped, and a CASE whose branches are
// only a parameter and NULL would resolve to text, which a timestamp column refuses: there the parameter is cast.
// SQLite keeps Prisma's DateTime as ISO-8601 text (the adapter's default format, the same for parameters), which
// compares in time order.
const at = (ms: number) => (databaseKind === "postgresql" ? Prisma.sql`CAST(${new Date(ms)} AS TIMESTAMP(3))` : Prisma.sql`${new Date(ms)}`);

/**
 * One more failure against `key` at `now` — recordFailure (app/domain/login-throttle.ts) as one upsert, so parallel
 * attempts cannot overwrite each other's count (a read, then a write lost counts on PostgreSQL's READ COMMITTED).
 * Returns the failures counted in the key's window, this one included. In the DO UPDATE expressions the table's
 * columns are the row before the update (SQLite and PostgreSQL alike).
 */
async function addFailure(key: string, rule: ThrottleRule, now: number): Promise<number> {
  const fresh = Prisma.sql`("LoginThrottle"."windowStart" <= ${at(now - rule.windowMs)} OR ("LoginThrottle"."lockedUntil" IS NOT NULL AND "LoginThrottle"."lockedUntil" <= ${at(now)}))`;
  const failures = Prisma.sql`(CASE WHEN ${fresh} THEN 1 ELSE "LoginThrottle"."failures" + 1 END)`;
  const rows = await prisma.$queryRaw<{ failures: number | bigint }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "windowStart", "lockedUntil")
    VALUES (${key}, 1, ${at(now)}, ${1 >= rule.maxFailures ? at(now + rule.lockMs) : null})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = ${failures},
      "windowStart" = CASE WHEN ${fresh} THEN ${at(now)} ELSE "LoginThrottle"."windowStart" END,
      "lockedUntil" = CASE WHEN ${failures} >= ${rule.maxFailures} THEN ${at(now + rule.lockMs)} ELSE NULL END
    RETURNING "failures"`;
  return Number(rows[0]!.failures);
}

/**
 * Counts a login attempt as a failure against the account and the client before its password is checked, so each
 * of a burst of parallel attempts takes its own place in the allowance. Returns the milliseconds to wait: 0 when
 * the password may be checked. A successful attempt is taken back by recordLoginSuccess.
 */
export async function countLoginAttempt(login: string, client: string, now = Date.now()): Promise<number> {
  const k = keys(login, client);
  const account = await addFailure(k.account, ACCOUNT_RULE, now);
  const byClient = await addFailure(k.client, CLIENT_RULE, now);
  return Math.max(countedAttemptWaitMs(account, ACCOUNT_RULE), countedAttemptWaitMs(byClient, CLIENT_RULE));
}

/**
 * A successful login (counted by countLoginAttempt at `countedAt`): clears the account's counter, and takes this
 * attempt back from the client's (only failures count there: a whole bureau may sign in from one address). Not
 * taken back when the client's window was restarted after the attempt was counted; the lock goes with the count
 * that set it.
 */
export async function recordLoginSuccess(login: string, client: string, countedAt: number) {
  const k = keys(login, client);
  await prisma.loginThrottle.deleteMany({ where: { key: k.account } });
  await prisma.$executeRaw`
    UPDATE "LoginThrottle" SET
      "failures" = "failures" - 1,
      "lockedUntil" = CASE WHEN "failures" - 1 >= ${CLIENT_RULE.maxFailures} THEN "lockedUntil" ELSE NULL END
    WHERE "key" = ${k.client} AND "failures" > 0 AND "windowStart" <= ${at(countedAt)}`;
  // Nothing left to count: no row (an attempt counted meanwhile made it 1 or more and keeps it).
  await prisma.loginThrottle.deleteMany({ where: { key: k.client, failures: { lte: 0 } } });
}
