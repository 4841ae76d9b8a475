import { describe, expect, it } from "vitest";
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
