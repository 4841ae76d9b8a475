// Bodies sent chunked (no Content-Length) get past the server's Content-Length check (scripts/serve.mjs): every
// route that reads a body reads it through a byte cap, answers 413 in Chinese and stops reading there.
import { describe, expect, it } from "vitest";
import * as policyRoute from "#app/routes/admin.policy";
import * as loginRoute from "#app/routes/login";
import * as submitRoute from "#app/routes/s.$token.submit";
import { MAX_FORM_BYTES } from "#app/utils/http.server";
import { MAX_SUBMIT_BYTES } from "#app/utils/survey-submit.server";
import { prisma } from "#app/utils/db.server";
import { BASE, call, cookieFor } from "#test/route-helpers";

const CHUNK = 64 * 1024;

/** A POST whose body is a stream of `totalBytes` (after `prefix`), produced only as it is read; no Content-Length. */
function chunkedPost(path: string, prefix: string, totalBytes: number, headers: Record<string, string>) {
  const filler = new Uint8Array(CHUNK).fill(0x70); // "p"
  let produced = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced === 0) {
        const head = new TextEncoder().encode(prefix);
        produced += head.byteLength;
        controller.enqueue(head);
      } else if (produced >= totalBytes) controller.close();
      else {
        produced += CHUNK;
        controller.enqueue(filler);
      }
    },
  });
  const request = new Request(BASE + path, { method: "POST", body, duplex: "half", headers } as RequestInit);
  if (!("Content-Length" in headers)) expect(request.headers.get("Content-Length")).toBeNull();
  return { request, produced: () => produced };
}

const FIVE_MB = 5 * 1024 * 1024;
const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("request body limits", () => {
  it("answers a chunked 5 MB login POST with 413 in Chinese, without reading it all", async () => {
    const { request, produced } = chunkedPost("/login", "login=city-admin&password=", FIVE_MB, FORM);
    const r = await call(loginRoute.action, request, {}, { clientAddress: "10.20.0.1" });
    expect(r.status).toBe(413);
    expect(r.data.message).toBe("提交的内容过大（上限 2 MB），请删减后重试。");
    expect(produced()).toBeLessThanOrEqual(MAX_FORM_BYTES + 4 * CHUNK);
    // Refused before the login check: nothing counted, nothing audited.
    expect(await prisma.loginThrottle.count({ where: { key: "client:10.20.0.1" } })).toBe(0);
    expect(await prisma.auditLog.count({ where: { client: "10.20.0.1" } })).toBe(0);
  });

  it("answers a declared Content-Length over the limit with 413 before reading", async () => {
    const { request, produced } = chunkedPost("/login", "login=city-admin&password=", FIVE_MB, { ...FORM, "Content-Length": String(FIVE_MB) });
    const r = await call(loginRoute.action, request, {}, { clientAddress: "10.20.0.2" });
    expect(r.status).toBe(413);
    expect(r.data.message).toMatch(/提交的内容过大/);
    expect(produced()).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("still accepts a form just under the limit (a 1 MB password reaches the login check)", async () => {
    const body = new URLSearchParams({ login: "city-admin", password: "p".repeat(1024 * 1024) });
    const r = await call(loginRoute.action, new Request(BASE + "/login", { method: "POST", body, headers: FORM }), {}, { clientAddress: "10.20.0.3" });
    expect(r.status).toBe(401);
    expect(r.data.message).toMatch(/登录名或密码错误/);
  });

  it("caps the admin forms alike (a chunked policy text)", async () => {
    const cookie = await cookieFor("city-admin", "Demo-2026-city", "10.20.0.4");
    const before = await prisma.policyProfileVersion.count();
    const { request, produced } = chunkedPost("/admin/policy", "policy=", FIVE_MB, { ...FORM, Cookie: cookie });
    const r = await call(policyRoute.action, request);
    expect(r.status).toBe(413);
    expect(r.data.message).toMatch(/提交的内容过大/);
    expect(produced()).toBeLessThanOrEqual(MAX_FORM_BYTES + 4 * CHUNK);
    expect(await prisma.policyProfileVersion.count()).toBe(before);
  });

  it("caps a chunked survey submission on the Remix route (413, the lean handler's answer)", async () => {
    const { request, produced } = chunkedPost("/s/AbCdEfGh23/submit", '{"answers":"', FIVE_MB, { "Content-Type": "application/json" });
    const r = await call(submitRoute.action, request, { token: "AbCdEfGh23" });
    expect(r.status).toBe(413);
    expect(r.data).toMatchObject({ ok: false, code: "too_large", message: "提交内容过大。" });
    expect(produced()).toBeLessThanOrEqual(MAX_SUBMIT_BYTES + 4 * CHUNK);
  });
});
