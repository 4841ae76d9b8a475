// A parent opens a school's QR link on a phone-sized Chromium (390×844), answers, submits, and cannot answer twice;
// the draft survives a reload; the friendly pages; nothing of the admin UI reaches the survey page.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, hasBrowser, launch } from "./browser";

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const newToken = () => Array.from(crypto.randomBytes(12), (b) => BASE58[b % BASE58.length]).join("");
/** How the app's Prisma adapter stores DateTime. */
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const DAY = 86_400_000;

function openDb() {
  const db = new Database(inject("e2eDatabaseUrl").slice("file:".length));
  db.pragma("busy_timeout = 5000");
  return db;
}

interface TestLink {
  token: string;
  linkId: string;
  schoolName: string;
}

/** An open (or closed, or not yet open) round of 玉泉区 with the 社会卷 link of its first school, written to the e2e database. */
function createLink(opts: { state?: "open" | "closed"; opensInDays?: number } = {}): TestLink {
  const db = openDb();
  try {
    const school = db
      .prepare(`SELECT s.id, s.name, s.countyId FROM School s JOIN County c ON c.id = s.countyId WHERE c.code = '150104' AND s.disabledAt IS NULL ORDER BY s.code LIMIT 1`)
      .get() as { id: string; name: string; countyId: string };
    const now = Date.now();
    const roundId = `e2e${crypto.randomBytes(8).toString("hex")}`;
    db.prepare(
      `INSERT INTO SurveyRound (id, countyId, name, state, opensAt, closesAt, questionnaires, samplingRule, onePerDevice, deviceSalt, createdAt, updatedAt)
       VALUES (?, ?, '端到端测试轮次', ?, ?, ?, '["social.v1","staff.v1","student.v1"]', '{"ratePerMille":1.5,"minimumTotal":0,"parentShare":0.5}', 1, ?, ?, ?)`,
    ).run(roundId, school.countyId, opts.state ?? "open", iso(new Date(now + (opts.opensInDays ?? -1) * DAY)), iso(new Date(now + 7 * DAY)), crypto.randomBytes(16).toString("hex"), iso(new Date(now)), iso(new Date(now)));
    const token = newToken();
    const linkId = `e2e${crypto.randomBytes(8).toString("hex")}`;
    db.prepare(`INSERT INTO SurveyLink (id, token, roundId, schoolId, family, questionnaire, responseCount, createdAt) VALUES (?, ?, ?, ?, 'social', 'social.v1', 0, ?)`).run(linkId, token, roundId, school.id, iso(new Date(now)));
    return { token, linkId, schoolName: school.name };
  } finally {
    db.close();
  }
}

function responsesOf(linkId: string): { answers: string; group: string; durationMs: number | null }[] {
  const db = openDb();
  try {
    return db.prepare(`SELECT answers, "group", durationMs FROM SurveyResponse WHERE linkId = ?`).all(linkId) as { answers: string; group: string; durationMs: number | null }[];
  } finally {
    db.close();
  }
}

/** Clicks a choice of a radiogroup by its text (the label is the tap target). */
async function choose(page: Page, question: string, text: string) {
  await page.locator(`[data-name="${question}"]`).getByText(text, { exact: true }).click();
}

/** Every question of 社会卷 as a parent; leaves the last page open with the submit button. */
async function answerAll(page: Page) {
  await choose(page, "identity", "家长");
  await choose(page, "area", "乡村（村庄）");
  await choose(page, "gradeBand", "小学三至六年级");
  await page.getByRole("button", { name: "下一页" }).click();
  for (const q of ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"]) await choose(page, q, "比较认可");
  await choose(page, "overall", "非常认可");
  await page.locator('[data-name="comment"] textarea').fill("希望多开展课后服务。");
}

async function checked(page: Page, question: string, value: string) {
  return page.locator(`[data-name="${question}"] input[value="${value}"]`).isChecked();
}

describe.skipIf(!hasBrowser())("a parent on a phone", () => {
  let context: BrowserContext;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const b = await launch({ width: 390, height: 844 });
    context = b.context;
    close = b.close;
  });
  afterAll(async () => close?.());

  it("gets the header in the server HTML, before any script and without blocking CSS", async () => {
    const link = createLink();
    const res = await fetch(`${baseUrl()}/s/${link.token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("set-cookie")).toMatch(/^yz_dev=[A-Za-z0-9_-]{22}; Path=\/s; Max-Age=31536000; SameSite=Lax/);
    const html = await res.text();
    const header = html.indexOf('<header class="sv-head"');
    expect(header).toBeGreaterThan(0);
    const headerHtml = html.slice(header, html.indexOf("</header>", header));
    for (const text of [link.schoolName, "社会卷", "约 3 分钟", "匿名填写", "不保存您的 IP 地址"]) expect(headerHtml).toContain(text);
    expect(html).toContain("正在加载问卷…");
    // Paints before JavaScript: no script before the header, no render-blocking stylesheet; the survey chunk is
    // requested from <head> (modulepreload), not after hydration.
    expect(html.indexOf("<script")).toBeGreaterThan(header);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
    const chunk = /<link rel="modulepreload" href="(\/assets\/survey-runner\.client-[^"]+\.js)"/.exec(html)?.[1];
    expect(chunk).toBeTruthy();
    // The big chunk travels compressed and is cached for a year (hashed name).
    const asset = await fetch(`${baseUrl()}${chunk}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-encoding")).toBe("gzip");
    expect(asset.headers.get("cache-control")).toMatch(/max-age=31536000.*immutable/);

    // The same with JavaScript switched off in the browser: the header and the placeholder are there.
    const noJs = await context.browser()!.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, locale: "zh-CN" });
    const page = await noJs.newPage();
    await page.goto(`${baseUrl()}/s/${link.token}`);
    expect(await page.locator("header").textContent()).toContain(link.schoolName);
    expect(await page.getByRole("status").textContent()).toContain("正在加载问卷");
    await noJs.close();
  });

  it("answers, submits, sees the thank-you page; the same phone then gets the already-answered page; one response", async () => {
    const link = createLink();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${baseUrl()}/s/${link.token}`);

    await answerAll(page);
    // A double tap on the submit button: one request in flight, one response stored.
    await page.getByRole("button", { name: "提交问卷" }).dblclick();
    await page.getByRole("heading", { name: "提交成功，感谢您的参与！" }).waitFor({ timeout: 20_000 });

    const rows = responsesOf(link.linkId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.group).toBe("parent");
    expect(JSON.parse(rows[0]!.answers)).toMatchObject({ identity: "parent", area: "rural", gradeBand: "primaryUpper", q1: 4, overall: 5, comment: "希望多开展课后服务。" });
    expect(rows[0]!.durationMs).toBeGreaterThan(0); // the signed open stamp came back with the answers

    // Opening the link again on the same phone: the server recognises the device (yz_dev cookie).
    const again = await page.goto(`${baseUrl()}/s/${link.token}`);
    expect(again?.status()).toBe(200);
    expect(await again!.text()).toContain("您已提交过本问卷");
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("您已提交过本问卷");
    expect(await page.locator(".sd-question").count()).toBe(0);

    // Submitting the same answers again from this browser, under a fresh idempotency key, is refused.
    const replay = await page.evaluate(
      async ({ token, answers }) => {
        const body = JSON.stringify({ idempotencyKey: "replay-key-0123456789", answers, deviceToken: localStorage.getItem("yz_dev") });
        const r = await fetch(`/s/${token}/submit`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
        return { status: r.status, body: await r.json() };
      },
      { token: link.token, answers: JSON.parse(rows[0]!.answers) },
    );
    expect(replay).toMatchObject({ status: 409, body: { code: "already_answered" } });
    expect(responsesOf(link.linkId)).toHaveLength(1);

    // Nothing of the admin UI came down: no antd CSS, no chunk that only admin routes use.
    const manifest = JSON.parse(fs.readFileSync(path.resolve("build/.vite/client-manifest.json"), "utf8")) as Record<string, { file: string; imports?: string[]; isEntry?: boolean; isDynamicEntry?: boolean }>;
    const reach = (keys: string[]) => {
      const out = new Set<string>();
      const walk = (k: string) => {
        const e = manifest[k];
        if (!e || out.has(e.file)) return;
        out.add(e.file);
        for (const i of e.imports ?? []) walk(i);
      };
      keys.forEach(walk);
      return out;
    };
    const keys = Object.keys(manifest);
    const adminOnly = reach(keys.filter((k) => k.startsWith("app/routes/admin")));
    for (const f of reach(keys.filter((k) => !k.startsWith("app/routes/admin") && (manifest[k]!.isEntry || manifest[k]!.isDynamicEntry)))) adminOnly.delete(f);
    expect(adminOnly.size).toBeGreaterThan(0);
    const assets = requested.filter((p) => p.startsWith("/assets/"));
    expect(assets.some((p) => p.includes("survey-runner.client-"))).toBe(true);
    expect(assets.filter((p) => p.includes("antd"))).toEqual([]);
    expect(assets.filter((p) => adminOnly.has(p.slice(1)))).toEqual([]);
    await page.close();
  });

  it("a refused submit keeps the survey and the answers; a busy server is retried under the same key", async () => {
    const link = createLink();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/s/${link.token}`);
    await answerAll(page);
    // The server's refusals are simulated: the real validator accepts what SurveyJS lets through.
    const keys: string[] = [];
    await page.route(`**/s/${link.token}/submit`, async (route) => {
      keys.push(JSON.parse(route.request().postData() ?? "{}").idempotencyKey);
      if (keys.length === 1) {
        const errors = [{ field: "q3", message: "请选择一项" }];
        return route.fulfill({ status: 400, contentType: "application/json", body: JSON.stringify({ ok: false, code: "invalid", message: "答卷未通过检查：q3：请选择一项", errors }) });
      }
      if (keys.length === 2) return route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ ok: false, code: "busy", message: "服务器繁忙" }) });
      return route.continue();
    });
    await page.getByRole("button", { name: "提交问卷" }).click();
    await expect.poll(() => page.locator(".sv-notice").textContent()).toBe("答卷未通过检查：q3：请选择一项");
    expect(await checked(page, "q3", "4")).toBe(true);
    expect(await page.evaluate((t) => localStorage.getItem(`yz_draft:${t}`) !== null, link.token)).toBe(true);
    expect(responsesOf(link.linkId)).toHaveLength(0);

    await page.getByRole("button", { name: "提交问卷" }).click();
    await page.getByRole("heading", { name: "提交成功，感谢您的参与！" }).waitFor({ timeout: 20_000 });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(responsesOf(link.linkId)).toHaveLength(1);
    expect(await page.evaluate((t) => localStorage.getItem(`yz_draft:${t}`), link.token)).toBeNull();
    await page.close();
  });

  it("keeps a draft on the phone: answers, page and the first open stamp survive a reload", async () => {
    const link = createLink();
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/s/${link.token}`);
    await choose(page, "identity", "家长");
    await choose(page, "area", "城区（县城、市区）");
    const draftOf = () => page.evaluate((t) => JSON.parse(localStorage.getItem(`yz_draft:${t}`) ?? "null"), link.token);
    const first = await draftOf();
    expect(first.answers).toEqual({ identity: "parent", area: "urban" });

    await page.reload();
    await page.locator('[data-name="identity"] input').first().waitFor({ state: "attached" });
    expect(await checked(page, "identity", "parent")).toBe(true);
    expect(await checked(page, "area", "urban")).toBe(true);

    await choose(page, "gradeBand", "初中（七至九年级）");
    await page.getByRole("button", { name: "下一页" }).click();
    await choose(page, "q1", "不了解");
    await page.reload();
    await page.locator('[data-name="q1"] input').first().waitFor({ state: "attached" });
    expect(await checked(page, "q1", "dk")).toBe(true);
    const after = await draftOf();
    expect(after.openStamp).toBe(first.openStamp);
    expect(after.idempotencyKey).toBe(first.idempotencyKey);
    expect(after.page).toBe(1);
    await page.close();
  });

  it("shows friendly pages for an unknown link, a closed round and a round not yet open", async () => {
    const page = await context.newPage();
    const unknown = await page.goto(`${baseUrl()}/s/ZZZZZZZZZZZZ`);
    expect(unknown?.status()).toBe(404);
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("问卷链接无效");
    expect(await page.locator("body").textContent()).toContain("请重新扫描二维码");
    expect(await page.locator(".ant-layout, .ant-btn").count()).toBe(0);

    const malformed = await page.goto(`${baseUrl()}/s/not-a-token!`);
    expect(malformed?.status()).toBe(404);

    const closed = createLink({ state: "closed" });
    const res = await page.goto(`${baseUrl()}/s/${closed.token}`);
    expect(res?.status()).toBe(410);
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("调查已结束");
    expect(await page.locator("header").textContent()).toContain(closed.schoolName);

    const later = createLink({ opensInDays: 2 });
    expect((await page.goto(`${baseUrl()}/s/${later.token}`))?.status()).toBe(200);
    expect(await page.getByRole("heading", { level: 2 }).textContent()).toBe("调查尚未开始");
    expect(await page.locator("main").textContent()).toContain("开始时间");
    await page.close();
  });

  it("fits a 320 px screen with tap targets of at least 44 px", async () => {
    const link = createLink();
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${baseUrl()}/s/${link.token}`);
    await page.locator('[data-name="identity"] label').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const boxes = await page.locator('[data-name="identity"] label.sd-selectbase__label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(boxes.length).toBe(4);
    for (const h of boxes) expect(h).toBeGreaterThanOrEqual(44);
    const next = await page.getByRole("button", { name: "下一页" }).boundingBox();
    expect(next!.height).toBeGreaterThanOrEqual(44);
    await page.close();
  });
});
