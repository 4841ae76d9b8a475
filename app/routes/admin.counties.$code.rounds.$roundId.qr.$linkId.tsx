import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { Family } from "#app/domain/survey/questionnaire";
import { FAMILY_LABELS } from "#app/domain/survey/registry";
import { getLink, getRound } from "#app/models/survey-rounds.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { notFound } from "#app/utils/http.server";
import { contentDisposition, htmlMessage, qrPng, qrSvg, withHtmlErrors } from "#app/utils/posters.server";
import { publicBaseUrl, surveyLinkUrl } from "#app/utils/public-url.server";

const FormatSchema = z.enum(["svg", "png"]);

/** The QR code of one link as ?format=png (default, 1024 px) or ?format=svg, downloaded under a Chinese file name. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return withHtmlErrors(async () => {
    const { county } = await requireCounty(actor, params.code, "read");
    const round = await getRound(county.id, params.roundId ?? "");
    if (!round) notFound("未找到该调查轮次。");
    const link = await getLink(round.id, params.linkId ?? "");
    if (!link) notFound("未找到该链接。");
    if (link.revokedAt) notFound("该链接已停用，不能再下载二维码。");
    const format = FormatSchema.safeParse(new URL(request.url).searchParams.get("format") ?? "png");
    if (!format.success) return htmlMessage(400, "请求有误", "二维码格式只能是 png 或 svg。");
    const url = surveyLinkUrl(publicBaseUrl(request), link.token);
    const name = `${link.school?.name ?? `${county.name}（全旗县区）`}-${FAMILY_LABELS[link.family as Family]?.title ?? link.family}-二维码.${format.data}`;
    const disposition = contentDisposition("attachment", name, `qr-${link.token}.${format.data}`);
    if (format.data === "svg") {
      return new Response(await qrSvg(url), { headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Content-Disposition": disposition, "Cache-Control": "no-store" } });
    }
    return new Response(new Uint8Array(await qrPng(url)), { headers: { "Content-Type": "image/png", "Content-Disposition": disposition, "Cache-Control": "no-store" } });
  });
}
