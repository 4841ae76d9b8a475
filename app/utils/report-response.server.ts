// HTTP answers of the report resource routes: a report model in one format as a download (Chinese file name in
// filename*=UTF-8''), and the Chinese HTML error page for PDF without Chromium (503).
import type { ReportModel } from "#app/domain/report/report-model";
import { STANDALONE_DOCUMENT_CSP } from "./csp";
import { contentDisposition, htmlMessage } from "./posters.server";
import { REPORT_CONTENT_TYPES, ReportPdfUnavailableError, renderDocx, renderHtml, renderPdf, renderXlsx, type RenderHtmlOptions } from "./report-render.server";

export type ReportFormat = keyof typeof REPORT_CONTENT_TYPES;
export const REPORT_FORMATS = Object.keys(REPORT_CONTENT_TYPES) as ReportFormat[];

/** The file of a model. html is answered inline (print view), the others as attachments. */
export async function reportFileResponse(model: ReportModel, format: ReportFormat, options: { suffix?: string; html?: RenderHtmlOptions; printView?: string } = {}): Promise<Response> {
  const name = `${model.fileBaseName}${options.suffix ?? ""}.${format}`;
  const ascii = `report.${format}`;
  let body: Buffer | string;
  if (format === "html") body = renderHtml(model, options.html);
  else if (format === "docx") body = await renderDocx(model);
  else if (format === "xlsx") body = await renderXlsx(model);
  else {
    try {
      body = await renderPdf(renderHtml(model));
    } catch (e) {
      if (!(e instanceof ReportPdfUnavailableError)) throw e;
      return htmlMessage(503, "暂时无法生成 PDF", e.message, options.printView ? `<p><a href="${options.printView}">打开打印视图</a></p>` : "");
    }
  }
  return new Response(typeof body === "string" ? body : new Uint8Array(body), {
    headers: {
      "Content-Type": REPORT_CONTENT_TYPES[format],
      "Content-Disposition": contentDisposition(format === "html" ? "inline" : "attachment", name, ascii),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      // The html print view is a standalone document (inline CSS and SVG, a print button): it gets the standalone
      // policy instead of the app pages' one (which forbids framing; the report pages preview it in an iframe).
      ...(format === "html" ? { "Content-Security-Policy": STANDALONE_DOCUMENT_CSP } : {}),
    },
  });
}
