// From the county page to the report files: a county admin opens 玉泉区's report page (the demo seed ran an
// assessment) and downloads Word, Excel and PDF; each file arrives with the right magic bytes and a real size.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { baseUrl, hasBrowser, launch, signIn } from "./browser";

const YUQUAN = "150104";

describe.skipIf(!hasBrowser())("county report downloads in Chromium", () => {
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
  });
  afterAll(async () => close?.());

  async function download(testId: string): Promise<{ name: string; body: Buffer }> {
    const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId(testId).click()]);
    const path = await dl.path();
    const fs = await import("node:fs");
    return { name: dl.suggestedFilename(), body: fs.readFileSync(path!) };
  }

  it("a county admin goes from the county page to the report and receives Word, Excel and PDF", async () => {
    await signIn(page);

    await page.goto(`${baseUrl()}/admin/counties/${YUQUAN}`);
    await page.getByTestId("assessment-card").getByRole("link", { name: /^报\s?告$/ }).click();
    await page.waitForURL(`${baseUrl()}/admin/counties/${YUQUAN}/report`);
    await expect.poll(() => page.getByTestId("report-verdict").textContent()).toMatch(/达到/);
    // The embedded print view shows the report.
    const frame = page.frameLocator('[data-testid="report-frame"]');
    await expect.poll(() => frame.locator("h1.title").textContent(), { timeout: 30_000 }).toContain("玉泉区县域义务教育优质均衡发展督导评估自评报告");

    const docx = await download("download-docx");
    expect(docx.name).toBe("玉泉区_优质均衡自评报告.docx");
    expect(docx.body.subarray(0, 2).toString()).toBe("PK");
    expect(docx.body.length).toBeGreaterThan(10_000);

    const xlsx = await download("download-xlsx");
    expect(xlsx.name).toBe("玉泉区_优质均衡自评报告.xlsx");
    expect(xlsx.body.subarray(0, 2).toString()).toBe("PK");
    expect(xlsx.body.length).toBeGreaterThan(5_000);

    const pdf = await download("download-pdf");
    expect(pdf.name).toBe("玉泉区_优质均衡自评报告.pdf");
    expect(pdf.body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.body.length).toBeGreaterThan(20_000);
  }, 180_000);

  it("定稿 lists the frozen report with its hash, and 校验 says it is unchanged", async () => {
    await page.getByTestId("finalize").click();
    await expect.poll(() => page.getByTestId("action-message").textContent(), { timeout: 60_000 }).toMatch(/已定稿自评报告，内容摘要 [0-9a-f]{64}/);
    await page.getByTestId("verify").first().click();
    await expect.poll(() => page.getByTestId("action-message").textContent(), { timeout: 60_000 }).toContain("校验通过");
  }, 120_000);
});
