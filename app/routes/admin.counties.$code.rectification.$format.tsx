import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { assembleReport, getFinalReport } from "#app/models/reports.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { notFound } from "#app/utils/http.server";
import { htmlMessage, withHtmlErrors } from "#app/utils/posters.server";
import { reportFileResponse } from "#app/utils/report-response.server";

const FormatSchema = z.enum(["html", "xlsx", "docx"]);
const QuerySchema = z.object({ final: z.string().regex(/^[a-z0-9]{10,40}$/).optional() });

/** 整改清单 as html (print view) | xlsx | docx, live or frozen (?final=<id>). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return withHtmlErrors(async () => {
    const { county } = await requireCounty(actor, params.code, "read");
    const format = FormatSchema.safeParse(params.format);
    if (!format.success) return htmlMessage(400, "请求有误", "不支持的格式（可用：html、xlsx、docx）。");
    const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) return htmlMessage(400, "请求有误", "报告编号格式不正确。");
    if (query.data.final) {
      const final = await getFinalReport(county.id, query.data.final);
      if (!final || final.kind !== "rectification") notFound("未找到该定稿整改清单。");
      return reportFileResponse(final.model, format.data, { suffix: "_定稿" });
    }
    const built = await assembleReport(county, "rectification");
    if (!built) notFound("尚未运行评估，暂无整改清单。");
    return reportFileResponse(built.model, format.data, { html: { toolbar: { links: [{ href: `/admin/counties/${county.code}/rectification`, label: "返回整改清单" }] } } });
  });
}

// No ErrorBoundary: a route module with one is not a resource route in Remix; errors are answered as Chinese HTML
// pages by withHtmlErrors (JSON for progress/zip).
