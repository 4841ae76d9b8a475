import { type ActionFunctionArgs } from "@remix-run/node";
import { clientAddress } from "#app/utils/http.server";
import { handleSurveySubmit, MAX_SUBMIT_BYTES } from "#app/utils/survey-submit.server";
import { readCapped } from "#app/utils/upload.server";

// In production the same handler answers before Remix (scripts/serve.mjs → surveySubmitListener); this route
// serves the dev server and the integration tests with identical code.
export async function action({ request, params, context }: ActionFunctionArgs) {
  // Read through a byte cap (a chunked body has no Content-Length); an oversized body is answered 413 by the handler.
  // TextDecoder drops a leading BOM as request.text() did.
  const length = Number(request.headers.get("Content-Length") ?? 0);
  const body = length > MAX_SUBMIT_BYTES ? "too_large" : await readCapped(request, MAX_SUBMIT_BYTES);
  const raw = body === "too_large" ? "x".repeat(MAX_SUBMIT_BYTES + 1) : new TextDecoder().decode(body ?? new Uint8Array());
  const r = await handleSurveySubmit(params.token ?? "", raw, { cookieHeader: request.headers.get("Cookie"), client: clientAddress(context) });
  return Response.json(r.body, { status: r.status, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ ok: false, code: "method", message: "请通过问卷页面提交。" }, { status: 405 });
}
