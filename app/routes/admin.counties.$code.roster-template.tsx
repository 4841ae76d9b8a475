import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { buildRosterTemplate } from "#app/utils/workbook.server";

/** The roster Excel template (学校名册导入模板.xlsx). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  await requireCounty(actor, params.code, "read");
  const body = await buildRosterTemplate();
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="roster-template.xlsx"; filename*=UTF-8''${encodeURIComponent("学校名册导入模板.xlsx")}`,
      "Cache-Control": "no-store",
    },
  });
}
