import { describe, expect, it } from "vitest";
import { buildRectificationReport } from "#app/domain/report/rectification";
import { hohhotProfile } from "#app/domain/assessment/policy-profile";
import { assessCounty } from "#app/domain/assessment/verdict";
import { failingCountyInput, fixtureProvenance } from "#app/domain/report/report-fixtures";
import { renderHtml } from "./report-html.server";
import { renderPdf, reportChromiumPath, ReportPdfUnavailableError } from "./report-pdf.server";

describe("renderPdf", () => {
  it.skipIf(!reportChromiumPath())("prints the HTML report to an A4 PDF with Chromium", { timeout: 90_000 }, async () => {
    const model = buildRectificationReport({ county: { name: "示例县", code: "150101" }, verdict: assessCounty(failingCountyInput(), hohhotProfile), provenance: fixtureProvenance() });
    const pdf = await renderPdf(renderHtml(model));
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(10_000);
    // Every page A4 (210 × 297 mm = 595.3 × 841.9 pt; Chromium writes 594.96 × 841.92).
    const boxes = [...pdf.toString("latin1").matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBeGreaterThan(1);
    for (const [w, h] of boxes) {
      expect(Math.abs(w - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(h - 841.9)).toBeLessThan(1.5);
    }
  });

  it("without Chromium: a 503 error telling the user to print from the browser", async () => {
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = "/nonexistent/chromium";
    try {
      const error = await renderPdf("<p>x</p>").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportPdfUnavailableError);
      expect(error).toMatchObject({ status: 503 });
      expect((error as Error).message).toContain("打印 → 另存为 PDF");
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
  });
});
