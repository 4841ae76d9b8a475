import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRound } from "#app/models/survey-rounds.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { notFound } from "#app/utils/http.server";
import { ChromiumUnavailableError, contentDisposition, htmlMessage, htmlToPdf, roundPostersDocument, withHtmlErrors } from "#app/utils/posters.server";

/** The posters (all active links, or ?link=<id>) as an A4 PDF, printed by headless Chromium from the print view's HTML. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return withHtmlErrors(async () => {
    const { county } = await requireCounty(actor, params.code, "read");
    const round = await getRound(county.id, params.roundId ?? "");
    if (!round) notFound("未找到该调查轮次。");
    const { html, count, fileName } = await roundPostersDocument(request, county, round, { toolbar: false });
    if (count === 0) return htmlMessage(400, "没有可打印的海报", "本调查轮次还没有可用的二维码链接。请先在调查轮次页面点击“生成二维码链接”。");
    let pdf: Buffer;
    try {
      pdf = await htmlToPdf(html);
    } catch (e) {
      if (!(e instanceof ChromiumUnavailableError)) throw e;
      const printView = `/admin/counties/${county.code}/rounds/${round.id}/posters${new URL(request.url).search}`;
      return htmlMessage(503, "暂时无法生成 PDF", "服务器上没有可用的 Chromium 浏览器，无法直接生成 PDF。请打开打印视图，在浏览器中选择“打印 → 另存为 PDF”。", `<p><a href="${printView}">打开打印视图</a></p>`);
    }
    return new Response(new Uint8Array(pdf), {
      headers: { "Content-Type": "application/pdf", "Content-Disposition": contentDisposition("attachment", `${fileName}.pdf`, "posters.pdf"), "Cache-Control": "no-store" },
    });
  });
}
