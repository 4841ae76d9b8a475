// Cross-site writes and security headers on the real production server.
import { describe, expect, it } from "vitest";
import { baseUrl, hasBrowser } from "./browser";

describe.skipIf(!hasBrowser())("production server", () => {
  it("refuses a cross-site POST and accepts a same-origin one", async () => {
    const body = new URLSearchParams({ login: "city-admin", password: "Demo-2026-city" });
    const evil = await fetch(`${baseUrl()}/login`, { method: "POST", body, headers: { Origin: "http://evil.example" }, redirect: "manual" });
    expect(evil.status).toBe(403);
    expect(await evil.text()).toContain("跨站请求被拒绝");
    const same = await fetch(`${baseUrl()}/login`, { method: "POST", body, headers: { Origin: baseUrl() }, redirect: "manual" });
    expect(same.status).toBe(302);
  });
  it("sends the basic security headers and compresses", async () => {
    const r = await fetch(`${baseUrl()}/login`, { headers: { "Accept-Encoding": "gzip" } });
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(r.headers.get("x-powered-by")).toBeNull();
  });
});
