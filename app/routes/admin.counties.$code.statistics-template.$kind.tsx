import type { LoaderFunctionArgs } from "@remix-run/node";
import { isStatisticsKind, STATISTICS_TEMPLATE_FILE_NAMES } from "#app/domain/statistics/kinds";
import { listSchools } from "#app/models/schools.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { notFound } from "#app/utils/http.server";
import { buildStatisticsTemplate } from "#app/utils/statistics-workbook.server";

/** A statistics Excel template of one kind, pre-filled with the county's schools where it has a school list. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const { county } = await requireCounty(actor, params.code, "read");
  if (!isStatisticsKind(params.kind)) notFound("没有这种统计数据模板。");
  const kind = params.kind;
  const schools = kind === "school_base" ? (await listSchools(county.id, { includeDisabled: false })).map((s) => ({ code: s.code, name: s.name })) : [];
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
  const body = await buildStatisticsTemplate(kind, { countyName: county.name, schools, year });
  const fileName = `${county.name}${STATISTICS_TEMPLATE_FILE_NAMES[kind]}`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="statistics-${kind}.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
