import { describe, expect, it } from "vitest";
import { ACCOUNT_RULE, recordFailure, type ThrottleState } from "#app/domain/login-throttle";
import { countLoginAttempt } from "#app/models/login-throttle.server";
import * as adminLayout from "#app/routes/admin";
import * as loginRoute from "#app/routes/login";
import * as logoutRoute from "#app/routes/logout";
import { LOGIN_FAILED_MESSAGE } from "#app/utils/auth.server";
import { prisma } from "#app/utils/db.server";
import { hashPassword } from "#app/utils/password.server";
import { call, get, post } from "#test/route-helpers";

const attempt = (login: string, password: string, client = "10.0.0.1") => call(loginRoute.action, post("/login", { login, password, redirectTo: "/admin" }), {}, { clientAddress: client });

describe("login", () => {
  it("signs in with the right password, sets a cookie holding only a signed id, and audits it", async () => {
    const r = await attempt("yuquan-admin", "Demo-2026-county");
    expect(r.status).toBe(302);
    expect(r.location).toBe("/admin");
    const setCookie = r.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(/^yz_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    // The value is a signed random id: no login name, role or county inside.
    const value = decodeURIComponent(setCookie.split(";")[0]!.split("=").slice(1).join("="));
    expect(value).not.toMatch(/yuquan|county|150104/);
    const layout = await call(adminLayout.loader, get("/admin", setCookie.split(";")[0]));
    expect(layout.data.actor.login).toBe("yuquan-admin");
    const audit = await prisma.auditLog.findFirst({ where: { action: "login.success", actorLogin: "yuquan-admin" } });
    expect(audit?.client).toBe("10.0.0.1");
  });

  it("answers wrong password, unknown user and disabled user with the same message", async () => {
    await prisma.user.update({ where: { login: "wuchuan-admin" }, data: { disabledAt: new Date() } });
    const results = await Promise.all([attempt("yuquan-admin", "wrong-password-1", "10.0.0.2"), attempt("nobody-here", "Demo-2026-county", "10.0.0.3"), attempt("wuchuan-admin", "Demo-2026-county", "10.0.0.4")]);
    for (const r of results) {
      expect(r.status).toBe(401);
      expect(r.data.message).toBe(LOGIN_FAILED_MESSAGE);
      expect(r.headers.get("Set-Cookie")).toBeNull();
    }
    expect(await prisma.auditLog.count({ where: { action: "login.failure" } })).toBeGreaterThanOrEqual(3);
  });

  it("locks an account after 5 failures, even for the right password, and for unknown accounts alike", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt("inspector", `bad-${i}-password`, `10.1.0.${i}`)).status).toBe(401);
    const locked = await attempt("inspector", "Demo-2026-inspect", "10.1.0.99");
    expect(locked.status).toBe(401);
    expect(locked.data.message).toMatch(/登录尝试次数过多，请 \d+ 分钟后再试/);
    for (let i = 0; i < 5; i++) await attempt("ghost-user", `bad-${i}-password`, `10.2.0.${i}`);
    expect((await attempt("ghost-user", "whatever-pass-1", "10.2.0.99")).data.message).toMatch(/登录尝试次数过多/);
  });

  it("locks an account after a burst of 20 parallel wrong passwords, checking at most 5 of them", async () => {
    // On PostgreSQL (READ COMMITTED, parallel transactions) a read-then-write counter lost counts here and never
    // locked; and a lock checked only before the slow password check let the whole burst be checked.
    await prisma.loginThrottle.deleteMany({ where: { key: "account:yuquan-admin" } }); // an earlier test's failure
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt("yuquan-admin", `burst-wrong-${i}`, "10.7.0.1")));
    for (const r of burst) expect(r.status).toBe(401);
    const checked = burst.filter((r) => r.data.message === LOGIN_FAILED_MESSAGE).length;
    expect(checked, "passwords checked").toBe(5);
    expect(burst.filter((r) => /登录尝试次数过多，请 \d+ 分钟后再试/.test(r.data.message))).toHaveLength(15);
    expect(await prisma.auditLog.count({ where: { action: "login.failure", actorLogin: "yuquan-admin", client: "10.7.0.1" } })).toBe(5);
    const row = await prisma.loginThrottle.findUnique({ where: { key: "account:yuquan-admin" } });
    // Attempts that arrive after the lock is set are refused before being counted.
    expect(row?.failures).toBeGreaterThanOrEqual(5);
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    // The right password, from another address, is refused while locked.
    const after = await attempt("yuquan-admin", "Demo-2026-county", "10.7.0.2");
    expect(after.status).toBe(401);
    expect(after.data.message).toMatch(/登录尝试次数过多/);
  });

  it("counts failures in the database as the domain rule does (window, expired lock, lock)", async () => {
    const MIN = 60_000;
    const now = Date.UTC(2026, 4, 1, 2, 0, 0, 123);
    const cases: (ThrottleState | null)[] = [
      null,
      { failures: 2, windowStart: now - 3 * MIN, lockedUntil: null },
      { failures: 4, windowStart: now - 14 * MIN, lockedUntil: null },
      { failures: 4, windowStart: now - 15 * MIN, lockedUntil: null },
      { failures: 5, windowStart: now - 20 * MIN, lockedUntil: now - 1 },
      { failures: 5, windowStart: now - 5 * MIN, lockedUntil: now },
      { failures: 5, windowStart: now - 5 * MIN, lockedUntil: now + 10 * MIN },
    ];
    for (const [i, before] of cases.entries()) {
      const login = `parity-${i}`;
      if (before) {
        await prisma.loginThrottle.create({
          data: { key: `account:${login}`, failures: before.failures, windowStart: new Date(before.windowStart), lockedUntil: before.lockedUntil === null ? null : new Date(before.lockedUntil) },
        });
      }
      await countLoginAttempt(login, `10.8.0.${i}`, now);
      const row = await prisma.loginThrottle.findUniqueOrThrow({ where: { key: `account:${login}` } });
      const expected = recordFailure(before, now, ACCOUNT_RULE);
      expect({ failures: row.failures, windowStart: row.windowStart.getTime(), lockedUntil: row.lockedUntil?.getTime() ?? null }, JSON.stringify(before)).toEqual(expected);
    }
  });

  it("a successful login does not use up its client's allowance", async () => {
    for (let i = 0; i < 35; i++) expect((await attempt("city-admin", "Demo-2026-city", "10.6.0.1")).status).toBe(302);
    expect((await prisma.loginThrottle.findUnique({ where: { key: "client:10.6.0.1" } }))?.failures ?? 0).toBe(0);
  });

  it("throttles one client guessing many accounts", async () => {
    for (let i = 0; i < 30; i++) await attempt(`guess-${i}`, "bad-password-x", "10.9.9.9");
    const r = await attempt("city-admin", "Demo-2026-city", "10.9.9.9");
    expect(r.data.message).toMatch(/登录尝试次数过多/);
    // Another client is not affected.
    expect((await attempt("city-admin", "Demo-2026-city", "10.9.9.10")).status).toBe(302);
  });

  it("rotates the session id at each login and ends it at logout", async () => {
    const a = (await attempt("city-admin", "Demo-2026-city", "10.3.0.1")).headers.get("Set-Cookie")!.split(";")[0]!;
    const b = (await attempt("city-admin", "Demo-2026-city", "10.3.0.1")).headers.get("Set-Cookie")!.split(";")[0]!;
    expect(a).not.toBe(b);
    const out = await call(logoutRoute.action, post("/logout", {}, a));
    expect(out.status).toBe(302);
    expect(out.location).toBe("/login");
    const after = await call(adminLayout.loader, get("/admin", a));
    expect(after.status).toBe(302);
    expect(after.location).toMatch(/^\/login\?redirectTo=/);
    // The other session is untouched.
    expect((await call(adminLayout.loader, get("/admin", b))).status).toBe(200);
  });

  it("does not follow an open redirect after login", async () => {
    const r = await call(loginRoute.action, post("/login", { login: "city-admin", password: "Demo-2026-city", redirectTo: "//evil.example.com/x" }), {}, { clientAddress: "10.4.0.1" });
    expect(r.location).toBe("/admin");
  });

  it("accepts a long Chinese password in full (argon2, no 72-byte cut)", async () => {
    const long = "督导评估社会认可度调查问卷二维码海报打印优质均衡发展".repeat(2) + "A1";
    await prisma.user.update({ where: { login: "city-admin" }, data: { passwordHash: await hashPassword(long) } });
    expect((await attempt("city-admin", long, "10.5.0.1")).status).toBe(302);
    expect((await attempt("city-admin", long.slice(0, -1) + "2", "10.5.0.2")).status).toBe(401);
  });
});
