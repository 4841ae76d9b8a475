import type { LoaderFunctionArgs } from "@remix-run/node";
import { getRound } from "#app/models/survey-rounds.server";
import { requireCounty } from "#app/utils/access.server";
import { requireActor } from "#app/utils/auth.server";
import { notFound } from "#app/utils/http.server";
import { STANDALONE_DOCUMENT_CSP } from "#app/utils/csp";
import { roundPostersDocument, withHtmlErrors } from "#app/utils/posters.server";

/**
 * Print view of the round's A4 posters (all active links, or ?link=<id>). A resource route returning a whole HTML
 * document: no admin layout, no antd, no scripts but the print button, so it prints cleanly; the PDF route prints
 * the same document.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return withHtmlErrors(async () => {
    const { county } = await requireCounty(actor, params.code, "read");
    const round = await getRound(county.id, params.roundId ?? "");
    if (!round) notFound("未找到该调查轮次。");
    const { html } = await roundPostersDocument(request, county, round, { toolbar: true });
    return new Response(html, { headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Content-Security-Policy": STANDALONE_DOCUMENT_CSP } });
  });
}
