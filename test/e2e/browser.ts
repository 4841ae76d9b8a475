import { chromium, type Browser, type BrowserContext } from "playwright-core";
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
