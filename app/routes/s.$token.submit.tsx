import { type ActionFunctionArgs } from "@remix-run/node";
import { clientAddress } from "#app/utils/http.server";
import { handleSurveySubmit, MAX_SUBMIT_BYTES } from "#app/utils/survey-submit.server";

// In production the same handler answers before Remix (scripts/serve.mjs → surveySubmitListener); this route
// serves the dev server and the integration tests with identical code.
export async function action({ request, params, context }: ActionFunctionArgs) {
  const length = Number(request.headers.get("Content-Length") ?? 0);
  const raw = length > MAX_SUBMIT_BYTES ? "x".repeat(MAX_SUBMIT_BYTES + 1) : await request.text();
  const r = await handleSurveySubmit(params.token ?? "", raw, { cookieHeader: request.headers.get("Cookie"), client: clientAddress(context) });
  return Response.json(r.body, { status: r.status, headers: { "Cache-Control": "no-store" } });
}

export function loader() {
  return Response.json({ ok: false, code: "method", message: "请通过问卷页面提交。" }, { status: 405 });
}
