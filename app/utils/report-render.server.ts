// One import for the report routes: model → HTML / Word / Excel / PDF, the content hash and the font check.
// Each renderer lives in its own report-*.server.ts file.
export { renderHtml, REPORT_CSS, type RenderHtmlOptions } from "./report-html.server";
export { renderDocx, type RenderDocxOptions } from "./report-docx.server";
export { renderXlsx, renderRectificationXlsx } from "./report-xlsx.server";
export { renderPdf, ReportPdfUnavailableError, reportChromiumPath } from "./report-pdf.server";
export { reportContentHash, fileSha256 } from "./report-hash.server";
export { cjkFontStatus, CjkFontMissingError } from "./report-fonts.server";
export { renderChartSvg, renderChartPngs } from "./report-charts.server";

/** MIME types of the report formats. */
export const REPORT_CONTENT_TYPES = {
  html: "text/html; charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pdf: "application/pdf",
} as const;
