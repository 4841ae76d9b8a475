import { prisma } from "#app/utils/db.server";
import { ACCOUNT_RULE, CLIENT_RULE, lockRemainingMs, recordFailure, type ThrottleState } from "#app/domain/login-throttle";

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

/** Records a failed attempt against both the account and the client. */
export async function recordLoginFailure(login: string, client: string, now = Date.now()) {
  const k = keys(login, client);
  await prisma.$transaction(async (tx) => {
    for (const [key, rule] of [[k.account, ACCOUNT_RULE], [k.client, CLIENT_RULE]] as const) {
      const next = recordFailure(toState(await tx.loginThrottle.findUnique({ where: { key } })), now, rule);
      const data = { failures: next.failures, windowStart: new Date(next.windowStart), lockedUntil: next.lockedUntil ? new Date(next.lockedUntil) : null };
      await tx.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
    }
  });
}

/** A successful login clears the account's counter (the client's stays: it may be guessing others). */
export async function clearAccountFailures(login: string) {
  await prisma.loginThrottle.deleteMany({ where: { key: `account:${login}` } });
}
