import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");
export const hasBrowser = () => inject("chromiumPath") !== null;

/**
 * Debian's Chromium with the flags this offline machine needs (toolchain.md). Playwright gives each
 * launch a fresh, empty profile of its own.
 */
export async function launch(viewport = { width: 1280, height: 900 }): Promise<{ browser: Browser; context: BrowserContext; close: () => Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: inject("chromiumPath")!,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const context = await browser.newContext({ locale: "zh-CN", timezoneId: "Asia/Shanghai", viewport });
  return { browser, context, close: () => browser.close() };
}

/** Signs in through the login page (a county admin of 玉泉区 by default) and waits for the overview. */
export async function signIn(page: Page, login = "yuquan-admin", password = "Demo-2026-county") {
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel("登录名").fill(login);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL(`${baseUrl()}/admin`);
}
