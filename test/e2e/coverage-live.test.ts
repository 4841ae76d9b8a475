// A county admin watches the coverage board of an open round in Chromium; a phone submits a response; the board's
// numbers change by themselves (the page revalidates while the round is open), without a reload.
import crypto from "node:crypto";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, hasBrowser, launch, signIn } from "./browser";

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
const newToken = () => Array.from(crypto.randomBytes(12), (b) => BASE58[b % BASE58.length]).join("");
const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const DAY = 86_400_000;

/** An open round of 玉泉区 with a plan (40 parents at the first school) and that school's 社会卷 link, in the e2e database. */
function createRound(): { roundId: string; token: string } {
  const db = new Database(inject("e2eDatabaseUrl").slice("file:".length));
  db.pragma("busy_timeout = 5000");
  try {
    const school = db
      .prepare(`SELECT s.id, s.countyId FROM School s JOIN County c ON c.id = s.countyId WHERE c.code = '150104' AND s.disabledAt IS NULL ORDER BY s.code LIMIT 1`)
      .get() as { id: string; countyId: string };
    const now = Date.now();
    const roundId = `e2ecov${crypto.randomBytes(6).toString("hex")}`;
    db.prepare(
      `INSERT INTO SurveyRound (id, countyId, name, state, opensAt, closesAt, questionnaires, samplingRule, onePerDevice, deviceSalt, createdAt, updatedAt)
       VALUES (?, ?, '回收进度端到端轮次', 'open', ?, ?, '["social.v1","staff.v1","student.v1"]', '{"ratePerMille":1.5,"minimumTotal":0,"parentShare":0.5}', 1, ?, ?, ?)`,
    ).run(roundId, school.countyId, iso(new Date(now - DAY)), iso(new Date(now + 7 * DAY)), crypto.randomBytes(16).toString("hex"), iso(new Date(now)), iso(new Date(now)));
    db.prepare(`INSERT INTO SurveyQuota (id, roundId, schoolId, scopeKey, "group", planned, edited) VALUES (?, ?, ?, ?, 'parent', 40, 0)`).run(`q${crypto.randomBytes(8).toString("hex")}`, roundId, school.id, school.id);
    const token = newToken();
    db.prepare(`INSERT INTO SurveyLink (id, token, roundId, schoolId, family, questionnaire, responseCount, createdAt) VALUES (?, ?, ?, ?, 'social', 'social.v1', 0, ?)`).run(
      `l${crypto.randomBytes(8).toString("hex")}`,
      token,
      roundId,
      school.id,
      iso(new Date(now)),
    );
    return { roundId, token };
  } finally {
    db.close();
  }
}

const answers = {
  identity: "parent",
  area: "urban",
  gradeBand: "primaryUpper",
  ...Object.fromEntries(["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9"].map((q, i) => [q, i % 2 ? 5 : 4])),
  overall: 5,
};

async function submit(token: string) {
  const res = await fetch(`${baseUrl()}/s/${token}/submit`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ idempotencyKey: crypto.randomBytes(16).toString("hex"), deviceToken: crypto.randomBytes(16).toString("hex"), answers }),
  });
  expect(res.status).toBe(200);
  expect((await res.json()).ok).toBe(true);
}

describe.skipIf(!hasBrowser())("the coverage board of an open round", () => {
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
  });
  afterAll(async () => close?.());

  it("changes after a new submission without a manual reload", async () => {
    const { roundId, token } = createRound();
    await submit(token); // one response before the page opens

    await signIn(page);

    await page.goto(`${baseUrl()}/admin/counties/150104/rounds/${roundId}/dashboard`);
    await expect.poll(() => page.getByTestId("dashboard-title").textContent()).toContain("回收进度端到端轮次");
    const valid = page.getByTestId("coverage-valid-total");
    await expect.poll(() => valid.textContent()).toBe("1");
    // The same document must stay: a marker set now survives only if nothing reloads the page.
    await page.evaluate(() => ((window as unknown as { __stay: number }).__stay = 42));
    await page.waitForLoadState("networkidle");

    await submit(token);
    await submit(token);
    await expect.poll(() => valid.textContent(), { timeout: 30_000, interval: 500 }).toBe("3");
    expect(await page.evaluate(() => (window as unknown as { __stay?: number }).__stay)).toBe(42);
    const board = await page.getByTestId("coverage-board").textContent();
    expect(board).toContain("3 / 40");
    expect(board).toContain("缺 37");
  });
});
