// Resource route: /admin/counties/<code>/rounds/<roundId>/export?what=<table>&format=xlsx|csv.
// Aggregate tables carry the same suppression as the page ("样本不足"). The raw responses ("responses") are for
// write access only (county admin of the county, city admin): one row per response, no identifying data, the
// school blanked where that school × group has fewer responses than the threshold (decision in the report).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { ROUND_STATES } from "#app/domain/survey/link-status";
import { breakdownExport, comparisonExport, coverageExport, dailyExport, itemExport, summaryExport, type ExportTable } from "#app/domain/recognition/tables";
import { auditExport, exportRawResponses, getRoundDashboard } from "#app/models/recognition.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { downloadTable } from "#app/utils/export.server";
import { forbidden, notFound } from "#app/utils/http.server";

const EXPORT_TABLES = ["summary", "groups", "schools", "areas", "dimensions", "items", "coverage", "daily", "rounds", "responses"] as const;

const QuerySchema = z.object({
  what: z.enum(EXPORT_TABLES, { errorMap: () => ({ message: `导出内容应为 ${EXPORT_TABLES.join("、")} 之一` }) }),
  format: z.enum(["xlsx", "csv"], { errorMap: () => ({ message: "导出格式应为 xlsx 或 csv" }) }),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county, access } = await requireCounty(actor, params.code, "read");
  const parsed = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return Response.json({ message: parsed.error.issues[0]!.message }, { status: 400 });
  const { what, format } = parsed.data;
  let table: ExportTable;
  let roundName: string;
  let roundId: string;
  if (what === "responses") {
    if (access !== "write") forbidden("原始答卷只能由本旗县区管理员或市级管理员导出。");
    const raw = await exportRawResponses(county, params.roundId ?? "");
    if (!raw) notFound("未找到该调查轮次。");
    table = { title: "原始答卷", headers: raw.headers, rows: raw.rows };
    roundName = raw.round.name;
    roundId = raw.round.id;
  } else {
    const d = await getRoundDashboard(county, params.roundId ?? "");
    if (!d) notFound("未找到该调查轮次。");
    roundName = d.round.name;
    roundId = d.round.id;
    table = {
      summary: () => summaryExport({ countyName: county.name, roundName: d.round.name, methodName: d.settings.methodName, methodDescription: d.settings.methodDescription, intervalDescription: d.settings.intervalDescription, threshold: d.settings.threshold, summary: d.summary }),
      groups: () => ({ ...breakdownExport("按调查对象", d.groups), headers: ["调查对象", ...breakdownExport("", []).headers.slice(1)] }),
      schools: () => ({ ...breakdownExport("按学校", d.schools), headers: ["学校", ...breakdownExport("", []).headers.slice(1)] }),
      areas: () => ({ ...breakdownExport("按地域", d.areas), headers: ["地域", ...breakdownExport("", []).headers.slice(1)] }),
      dimensions: () => ({ ...breakdownExport("按维度", d.dimensions), headers: ["维度", ...breakdownExport("", []).headers.slice(1)] }),
      items: () => itemExport(d.items),
      coverage: () => coverageExport(d.coverage),
      daily: () => dailyExport(d.daily),
      rounds: () => comparisonExport(d.comparison, ROUND_STATES),
    }[what]();
  }
  await auditExport({ countyId: county.id, roundId, roundName, what: table.title, format, rows: table.rows.length, actor });
  return downloadTable(table, format, `${county.name}-${roundName}-${table.title}`);
}
