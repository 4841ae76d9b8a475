import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { baseUrl, hasBrowser, launch } from "./browser";

describe.skipIf(!hasBrowser())("a county admin in Chromium", () => {
  let page: Page;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const b = await launch();
    close = b.close;
    page = await b.context.newPage();
  });
  afterAll(async () => close?.());

  it("logs in and sees only their own county", async () => {
    await page.goto(`${baseUrl()}/admin`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("登录名").fill("yuquan-admin");
    await page.getByLabel("密码").fill("Demo-2026-county");
    await page.getByRole("button", { name: "登录" }).click();
    await page.waitForURL(`${baseUrl()}/admin`);
    await expect.poll(() => page.getByTestId("current-user").textContent()).toContain("玉泉区督导室");

    // The overview lists exactly one county: their own.
    const rows = page.locator(".ant-table-tbody tr.ant-table-row");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("玉泉区");
    const body = await page.locator("main, .ant-layout-content").first().textContent();
    for (const other of ["武川县", "赛罕区", "新城区", "回民区", "清水河县"]) expect(body).not.toContain(other);

    // Their county page shows their schools, every kind included.
    await page.getByRole("link", { name: "玉泉区" }).first().click();
    await page.waitForURL(`${baseUrl()}/admin/counties/150104`);
    await expect.poll(() => page.getByTestId("county-title").textContent()).toBe("玉泉区");
    const schools = await page.getByTestId("schools-card").locator(".ant-table-tbody").textContent();
    expect(schools).toContain("玉泉区示例九年一贯制学校");
    expect(schools).toContain("玉泉区示例中心小学沙梁教学点");

    // Typing another county's address gives the not-found page, never its data.
    const res = await page.goto(`${baseUrl()}/admin/counties/150125`);
    expect(res?.status()).toBe(404);
    expect(await page.getByTestId("error-message").textContent()).toBe("未找到该旗县区。");
    expect(await page.content()).not.toContain("武川县示例");
  });
});
