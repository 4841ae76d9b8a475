// Server-side PDF of a report: the HTML report (renderHtml) printed by headless Chromium through playwright-core
// (toolchain.md: vector charts, correct CJK, extractable text, ~1 s warm). Chromium is optional on a server: when
// it is missing or cannot start, ReportPdfUnavailableError (HTTP 503) tells the user to print the HTML view to PDF
// from the browser instead.
import fs from "node:fs";
import { execFileSync } from "node:child_process";

/** Chromium is not installed or cannot start. Map to HTTP 503; the message is Chinese and user-facing. */
export class ReportPdfUnavailableError extends Error {
  readonly status = 503;
  readonly code = "PDF_UNAVAILABLE";

  /** `detail` says what failed; the message adds what the user can do instead. */
  constructor(detail: string) {
    super(`暂时无法在服务器上生成 PDF（${detail}）。请打开报告网页，使用浏览器的“打印 → 另存为 PDF”。`);
    this.name = "ReportPdfUnavailableError";
  }
}

const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"];

/** The Chromium binary: CHROMIUM_PATH, else `chromium`/`chromium-browser` on PATH, else /usr/bin/chromium. */
export function reportChromiumPath(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH?.trim();
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  for (const name of ["chromium", "chromium-browser"]) {
    try {
      const found = execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8", timeout: 3000, stdio: ["ignore", "pipe", "ignore"] }).trim();
      if (found) return found;
    } catch {
      // not on PATH
    }
  }
  return fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
}

// One PDF at a time per process: each print starts a browser (~150 MB) and the server has two cores.
let queue: Promise<unknown> = Promise.resolve();

const FOOTER = `<div style="width:100%;font-size:9px;color:#555;text-align:center;font-family:'Noto Sans CJK SC',sans-serif;">第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页</div>`;

/**
 * Prints an HTML report to an A4 PDF (page size and margins from the document's @page rule, page numbers in the
 * footer). Throws ReportPdfUnavailableError when Chromium is missing or does not start.
 */
export function renderPdf(html: string): Promise<Buffer> {
  const run = async (): Promise<Buffer> => {
    const executablePath = reportChromiumPath();
    if (!executablePath) throw new ReportPdfUnavailableError("服务器未安装 Chromium");
    let chromium: typeof import("playwright-core").chromium;
    try {
      ({ chromium } = await import("playwright-core"));
    } catch {
      throw new ReportPdfUnavailableError("未安装 playwright-core");
    }
    let browser: import("playwright-core").Browser;
    try {
      browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
    } catch (e) {
      throw new ReportPdfUnavailableError(`Chromium 无法启动：${(e as Error).message.split("\n")[0]}`);
    }
    try {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: "load", timeout: 60_000 });
      return await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: "<div></div>", footerTemplate: FOOTER });
    } finally {
      await browser.close();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
