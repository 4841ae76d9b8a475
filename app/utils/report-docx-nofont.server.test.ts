// Word report on a server without a CJK font: still generated, with a note in place of each chart (and a
// warning), unless the caller asks for the error.
import { describe, expect, it, vi } from "vitest";
import { buildCountyReport } from "#app/domain/report/county-report";
import { sampleCountyReportInput } from "#app/domain/report/sample-county";
import { CjkFontMissingError } from "./report-fonts.server";
import { readZipEntries } from "./report-zip.server";

vi.mock("./report-charts.server", () => ({
  renderChartPngs: () => {
    throw new CjkFontMissingError();
  },
}));

describe("renderDocx without a CJK font", () => {
  const model = buildCountyReport(sampleCountyReportInput({ schools: 20 }));

  it("writes a note instead of each chart and warns once", async () => {
    const { renderDocx } = await import("./report-docx.server");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const docx = await renderDocx(model);
    const xml = readZipEntries(docx).find((e) => e.name === "word/document.xml")!.data.toString("utf8");
    expect(xml.match(/图表未生成：未找到中文字体（Noto Sans CJK SC）/g)).toHaveLength(3);
    expect(readZipEntries(docx).some((e) => e.name.startsWith("word/media/"))).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toContain("apt-get install fonts-noto-cjk");
    warn.mockRestore();
  });

  it("throws CjkFontMissingError (503) when asked to", async () => {
    const { renderDocx } = await import("./report-docx.server");
    await expect(renderDocx(model, { onMissingFont: "error" })).rejects.toMatchObject({ status: 503, code: "CJK_FONT_MISSING" });
  });
});
