// Cross-site writes, security headers and the Content-Security-Policy on the real production server.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, hasBrowser, launch, signIn } from "./browser";

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

const YUQUAN = "150104";
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/** How the app's Prisma adapter stores DateTime. */
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** The policy of the app's pages (app/utils/csp.ts), with the nonce captured. */
const DOCUMENT_POLICY =
  /^default-src 'self'; script-src 'self' 'nonce-([A-Za-z0-9+/]{22}==)'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'$/;
const STANDALONE_POLICY = /^default-src 'none'; script-src 'unsafe-hashes' 'sha256-[A-Za-z0-9+/]{43}='; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'$/;

/** An open round of 玉泉区 with the 社会卷 link of its first school, written to the e2e database; returns the token. */
function createSurveyLink(): string {
  const db = new Database(inject("e2eDatabaseUrl").slice("file:".length));
  db.pragma("busy_timeout = 5000");
  try {
    const school = db
      .prepare(`SELECT s.id, s.countyId FROM School s JOIN County c ON c.id = s.countyId WHERE c.code = ? AND s.disabledAt IS NULL ORDER BY s.code LIMIT 1`)
      .get(YUQUAN) as { id: string; countyId: string };
    const now = Date.now();
    const roundId = `csp${crypto.randomBytes(8).toString("hex")}`;
    db.prepare(
      `INSERT INTO SurveyRound (id, countyId, name, state, opensAt, closesAt, questionnaires, samplingRule, onePerDevice, deviceSalt, createdAt, updatedAt)
       VALUES (?, ?, 'CSP 测试轮次', 'open', ?, ?, '["social.v1","staff.v1","student.v1"]', '{"ratePerMille":1.5,"minimumTotal":0,"parentShare":0.5}', 1, ?, ?, ?)`,
    ).run(roundId, school.countyId, iso(new Date(now - 86_400_000)), iso(new Date(now + 7 * 86_400_000)), crypto.randomBytes(16).toString("hex"), iso(new Date(now)), iso(new Date(now)));
    const token = Array.from(crypto.randomBytes(12), (b) => BASE58[b % BASE58.length]).join("");
    db.prepare(`INSERT INTO SurveyLink (id, token, roundId, schoolId, family, questionnaire, responseCount, createdAt) VALUES (?, ?, ?, ?, 'social', 'social.v1', 0, ?)`).run(
      `csp${crypto.randomBytes(8).toString("hex")}`,
      token,
      roundId,
      school.id,
      iso(new Date(now)),
    );
    return token;
  } finally {
    db.close();
  }
}

/** The session cookie of a demo account, logged in through the real form post. */
async function adminCookie(login: string, password: string): Promise<string> {
  const r = await fetch(`${baseUrl()}/login`, { method: "POST", body: new URLSearchParams({ login, password }), headers: { Origin: baseUrl() }, redirect: "manual" });
  expect(r.status).toBe(302);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** GETs a document; returns its policy's nonce (asserting the whole policy) and the HTML. */
async function documentNonce(path: string, cookie?: string): Promise<{ nonce: string; html: string }> {
  const r = await fetch(`${baseUrl()}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  expect(r.status, path).toBe(200);
  expect(r.headers.get("content-type")).toMatch(/^text\/html/);
  const policy = r.headers.get("content-security-policy") ?? "";
  expect(policy, path).toMatch(DOCUMENT_POLICY);
  // The older header stays for browsers without frame-ancestors.
  expect(r.headers.get("x-frame-options")).toBe("SAMEORIGIN");
  return { nonce: DOCUMENT_POLICY.exec(policy)![1]!, html: await r.text() };
}

/**
 * Records every CSP violation of the context's pages and frames: the securitypolicyviolation event (listened to
 * from an init script, which the page's policy does not govern) and Chromium's own console report.
 */
async function watchViolations(context: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`[csp-violation] ${e.effectiveDirective} blocked=${e.blockedURI} sample=${e.sample} at ${e.documentURI}`);
    });
  });
  const track = (page: Page) =>
    page.on("console", (m) => {
      if (m.text().startsWith("[csp-violation]") || /Content Security Policy/i.test(m.text())) seen.push(m.text());
    });
  context.pages().forEach(track);
  context.on("page", track);
  return seen;
}

describe.skipIf(!hasBrowser())("Content-Security-Policy", () => {
  let browser: Browser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const b = await launch();
    browser = b.browser;
    close = b.close;
  });
  afterAll(async () => close?.());

  it("is on the login page, an admin page and the survey page; every script there carries the response's nonce", async () => {
    const cookie = await adminCookie("yuquan-admin", "Demo-2026-county");
    for (const [path, withCookie] of [
      ["/login", false],
      [`/admin/counties/${YUQUAN}`, true],
      [`/s/${createSurveyLink()}`, false],
    ] as const) {
      const { nonce, html } = await documentNonce(path, withCookie ? cookie : undefined);
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    }
  });

  it("draws a fresh nonce for every response", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 3; i++) nonces.add((await documentNonce("/login")).nonce);
    expect(nonces.size).toBe(3);
  });

  it("gives the standalone print views and their error pages the standalone policy, and JSON none", async () => {
    const cookie = await adminCookie("yuquan-admin", "Demo-2026-county");
    for (const [path, status] of [
      [`/admin/counties/${YUQUAN}/report/html`, 200],
      [`/admin/counties/${YUQUAN}/report/nope`, 400],
    ] as const) {
      const r = await fetch(`${baseUrl()}${path}`, { headers: { Cookie: cookie } });
      expect(r.status, path).toBe(status);
      // One header only: the app pages' policy must not be added on top (both would be enforced).
      expect(r.headers.get("content-security-policy"), path).toMatch(STANDALONE_POLICY);
    }
    const submit = await fetch(`${baseUrl()}/s/${createSurveyLink()}/submit`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json" } });
    expect(submit.headers.get("content-type")).toMatch(/^application\/json/);
    expect(submit.headers.get("content-security-policy")).toBeNull();
  });

  it("a parent answers and submits a survey with no CSP violation (and no eval)", async () => {
    const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 390, height: 844 } });
    const violations = await watchViolations(context);
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/s/${createSurveyLink()}`);
    // The SurveyJS runner is loaded only after hydration: seeing its questions means the page hydrated.
    const choose = (q: string, text: string) => page.locator(`[data-name="${q}"]`).getByText(text, { exact: true }).click();
    await choose("identity", "家长");
    await choose("area", "乡村（村庄）");
    await choose("gradeBand", "小学三至六年级");
    await page.getByRole("button", { name: "下一页" }).click();
    for (const q of ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]) await choose(q, "比较认可");
    await choose("overall", "非常认可");
    await page.getByRole("button", { name: "提交问卷" }).click();
    await page.getByRole("heading", { name: "提交成功，感谢您的参与！" }).waitFor({ timeout: 20_000 });
    expect(violations).toEqual([]);
    // No 'unsafe-eval': a script of the page itself (it carries the nonce) cannot evaluate a string. It is added
    // from a timer: code run inside DevTools' own evaluation may eval (Runtime.evaluate allowUnsafeEvalBlockedByCSP).
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.nonce = document.querySelector<HTMLScriptElement>("script[nonce]")!.nonce;
      s.textContent = "try { window.evalResult = String(eval('1 + 1')) } catch (e) { window.evalResult = e.name }";
      setTimeout(() => document.body.append(s), 0);
    });
    await expect.poll(() => page.evaluate(() => (window as unknown as { evalResult?: string }).evalResult)).toBe("EvalError");
    await context.close();
  });

  it("an admin logs in, moves between pages and prints the report preview with no CSP violation", async () => {
    const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport: { width: 1280, height: 900 } });
    const violations = await watchViolations(context);
    // Printing is replaced by a counter in every frame (an init script: the frame's policy does not apply to it).
    await context.addInitScript(() => {
      window.print = () => {
        (window as unknown as { printed: number }).printed = ((window as unknown as { printed?: number }).printed ?? 0) + 1;
      };
    });
    const page = await context.newPage();
    await signIn(page);
    await expect.poll(() => page.getByTestId("current-user").textContent()).toContain("玉泉区督导室");
    // Client-side navigation (hydrated React, lazy route discovery) to the county and its report page.
    await page.getByRole("link", { name: "玉泉区" }).first().click();
    await page.waitForURL(`${baseUrl()}/admin/counties/${YUQUAN}`);
    await page.getByTestId("assessment-card").getByRole("link", { name: /^报\s?告$/ }).click();
    await page.waitForURL(`${baseUrl()}/admin/counties/${YUQUAN}/report`);
    // The preview frame (a standalone document framed by our own page) renders, and its print button works.
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await expect.poll(() => frame.locator("h1.title").textContent(), { timeout: 30_000 }).toContain("玉泉区");
    await frame.getByRole("button", { name: "打印 / 另存为 PDF" }).click();
    const preview = page.frames().find((f) => f.url().endsWith(`/admin/counties/${YUQUAN}/report/html`))!;
    await expect.poll(() => preview.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1);
    expect(violations).toEqual([]);
    await context.close();
  });

  it("blocks an inline script without the nonce, one with a guessed nonce, and one added after load", async () => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const violations = await watchViolations(context);
    const page = await context.newPage();
    const stale = (await documentNonce("/login")).nonce; // a nonce of another response
    // An attacker's markup in the HTML the server sent (as a stored XSS would put it there).
    await page.route(`${baseUrl()}/login`, async (route) => {
      const original = await route.fetch();
      const html = (await original.text()).replace(
        "<body",
        `<script>window.injected = "plain"</script><script nonce="${stale}">window.injected = "stale"</script><img src="x" onerror="window.injected = 'handler'"><body`,
      );
      await route.fulfill({ response: original, body: html });
    });
    await page.goto(`${baseUrl()}/login`);
    // The page's own (nonce'd) scripts still run: Remix's router is up.
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: unknown }).__remixRouter !== undefined);
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.injected = 'dom'";
      document.body.append(s);
    });
    // Four refusals (three elements, one handler — the image loads and fails after the page), and nothing ran.
    await expect.poll(() => violations.filter((v) => v.startsWith("[csp-violation] script-src")).length).toBe(4);
    expect(await page.evaluate(() => (window as unknown as { injected?: string }).injected)).toBeUndefined();
    await context.close();
  });
});
