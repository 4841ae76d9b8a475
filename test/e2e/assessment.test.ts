import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_COUNTIES, demoSchools } from "#app/../prisma/demo-data";
import { fillSchoolBase, schoolCells } from "#test/statistics-fixtures";
import { baseUrl, hasBrowser, launch, signIn } from "./browser";

const YUQUAN = "150104";
const FAILING = "2150104001"; // 玉泉区示例实验小学: 体育运动场馆面积 at 80 % of the standard

describe.skipIf(!hasBrowser())("import → assessment in Chromium", () => {
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
  });
  afterAll(async () => close?.());

  it("a county admin uploads a filled template, runs the assessment and sees the verdict and a failing cell", async () => {
    await signIn(page);

    // County page → 统计数据.
    await page.goto(`${baseUrl()}/admin/counties/${YUQUAN}`);
    await page.getByTestId("assessment-card").getByRole("link", { name: /统计数据/ }).click();
    await page.waitForURL(`${baseUrl()}/admin/counties/${YUQUAN}/statistics`);

    // The template as the page offers it (same session), filled the way a user would.
    const res = await page.request.get(`${baseUrl()}/admin/counties/${YUQUAN}/statistics-template/school_base`);
    expect(res.status()).toBe(200);
    const yuquan = DEMO_COUNTIES.find((c) => c.code === YUQUAN)!;
    const cells = new Map(demoSchools(yuquan).map((s) => [s.code, schoolCells(s, 2025, s.code === FAILING ? { factors: { sportsArea: 0.8 } } : {})]));
    const file = await fillSchoolBase(await res.body(), cells);

    await page.locator("input[name=file]").setInputFiles({ name: "玉泉区学校基础数据.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: file });
    await page.getByRole("button", { name: "检查并导入" }).click();
    await expect.poll(() => page.getByTestId("import-message").textContent(), { timeout: 30_000 }).toMatch(/导入完成：学校基础数据 第 \d+ 版/);
    await expect.poll(() => page.getByTestId("snapshot-history").textContent()).toContain("玉泉区学校基础数据.xlsx");

    // 评估 → run with the latest snapshots.
    await page.getByRole("link", { name: "前往评估 →" }).click();
    await page.waitForURL(new RegExp(`/admin/counties/${YUQUAN}/assessment`));
    // The page already shows an earlier assessment (the demo seed runs one), and the client-side navigation
    // updates the URL before React renders the new loader data: wait until the page shows the new run itself.
    const before = page.url();
    await page.getByTestId("run-assessment").click();
    await page.waitForURL((u) => /\/assessment\?id=/.test(u.href) && u.href !== before, { timeout: 30_000 });
    const runId = new URL(page.url()).searchParams.get("id")!;
    const verdict = page.locator(`[data-testid="verdict"][data-assessment-id="${runId}"]`);
    await verdict.waitFor({ timeout: 30_000 });
    expect(await verdict.textContent()).toMatch(/^未达到/);
    expect(await page.getByTestId("used-school_base").textContent()).toContain("玉泉区学校基础数据.xlsx");

    // The failing cell is marked red; its computation opens on click.
    const cell = page.locator('[data-testid="school-table"] [data-testid="cell-R5-fail"]').first();
    await cell.waitFor();
    expect(await cell.evaluate((el) => getComputedStyle(el).color)).toBe("rgb(207, 19, 34)");
    await cell.click();
    const popover = page.getByTestId("computation").last();
    await popover.waitFor();
    const text = await popover.textContent();
    expect(text).toContain("R5 生均体育运动场馆面积");
    expect(text).toContain("体育运动场馆面积（㎡）");
    expect(text).toMatch(/还差 [\d.]+ ㎡\/生/);
    // The smallest fix for the failing school.
    expect(await page.getByTestId("fix-list").textContent()).toMatch(/玉泉区示例实验小学：生均体育运动场馆面积：体育运动场馆面积还差 \d+ ㎡（达到标准的85%）/);
  });
});
