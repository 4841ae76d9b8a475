// 哈希链校验 in Chromium: a county admin opens a demo round's chain page from the round page and sees it intact; a row
// changed behind the app's back is named (position and response id) after 重新校验.
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { baseUrl, hasBrowser, launch, signIn } from "./browser";

const ROUND_NAME = "2026年春季社会认可度模拟调查";

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(inject("e2eDatabaseUrl").slice("file:".length));
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe.skipIf(!hasBrowser())("哈希链校验", () => {
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
  });
  afterAll(async () => close?.());

  it("shows the round's chain intact, then names the first broken link after a row is changed in the database", async () => {
    await signIn(page);

    const round = withDb((db) => db.prepare(`SELECT id, chainLength FROM SurveyRound WHERE name = ?`).get(ROUND_NAME) as { id: string; chainLength: number });
    expect(round.chainLength).toBeGreaterThan(100);
    await page.goto(`${baseUrl()}/admin/counties/150104/rounds/${round.id}`);
    await page.getByRole("link", { name: "哈希链校验" }).click();
    await page.waitForURL(`${baseUrl()}/admin/counties/150104/rounds/${round.id}/chain`);
    await expect.poll(() => page.getByTestId("chain-result").textContent()).toContain(`哈希链完整：${round.chainLength} 份答卷`);

    const target = withDb((db) => db.prepare(`SELECT id, durationMs FROM SurveyResponse WHERE roundId = ? AND chainSeq = 42`).get(round.id) as { id: string; durationMs: number | null });
    withDb((db) => db.prepare(`UPDATE SurveyResponse SET durationMs = coalesce(durationMs, 0) + 1 WHERE id = ?`).run(target.id));
    try {
      await page.getByRole("button", { name: "重新校验" }).click();
      await expect.poll(() => page.getByTestId("chain-result").textContent()).toContain("哈希链在第 42 环断开");
      expect(await page.getByTestId("chain-result").textContent()).toContain(target.id);
    } finally {
      withDb((db) => db.prepare(`UPDATE SurveyResponse SET durationMs = ? WHERE id = ?`).run(target.durationMs, target.id));
    }
  });
});
