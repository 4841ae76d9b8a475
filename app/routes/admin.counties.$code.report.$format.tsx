import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { assembleReport, getFinalReport } from "#app/models/reports.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { notFound } from "#app/utils/http.server";
import { htmlMessage, withHtmlErrors } from "#app/utils/posters.server";
import { REPORT_FORMATS, reportFileResponse, type ReportFormat } from "#app/utils/report-response.server";

const QuerySchema = z.object({ final: z.string().regex(/^[a-z0-9]{10,40}$/).optional(), assessment: z.string().regex(/^[a-z0-9]{10,40}$/).optional() });

/**
 * The county report as html (print view) | docx | xlsx | pdf. Without ?final the live report of the latest (or
 * ?assessment=) assessment; with ?final=<id> the frozen model, rendered exactly as at finalization (no toolbar in
 * its html, so its bytes match the recorded hash).
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return withHtmlErrors(async () => {
    const { county } = await requireCounty(actor, params.code, "read");
    if (!REPORT_FORMATS.includes(params.format as ReportFormat)) return htmlMessage(400, "请求有误", "不支持的报告格式（可用：html、docx、xlsx、pdf）。");
    const format = params.format as ReportFormat;
    const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return htmlMessage(400, "请求有误", "报告编号格式不正确。");
    const printView = `/admin/counties/${county.code}/report/html${query.data.final ? `?final=${query.data.final}` : ""}`;
    if (query.data.final) {
      const final = await getFinalReport(county.id, query.data.final);
      if (!final || final.kind !== "county") notFound("未找到该定稿报告。");
      return reportFileResponse(final.model, format, { suffix: "_定稿", printView });
    }
    const built = await assembleReport(county, "county", { assessmentId: query.data.assessment });
    if (!built) notFound("尚未运行评估，暂无报告。");
    return reportFileResponse(built.model, format, {
      printView,
      html: { toolbar: { links: [{ href: `/admin/counties/${county.code}/report`, label: "返回报告页" }] } },
    });
  });
}

// No ErrorBoundary: a route module with one is not a resource route in Remix; errors are answered as Chinese HTML
// pages by withHtmlErrors (JSON for progress/zip).
