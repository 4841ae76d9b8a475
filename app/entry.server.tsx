import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { isCspNonce } from "./utils/csp";
import { NonceContext } from "./utils/nonce";

const ABORT_DELAY = 5_000;

// With v3_singleFetch a renderToString entry never hydrates: stream with renderToPipeableStream
// (toolchain.md). Bots and the print views get the whole document at once (onAllReady).
// The production server (scripts/serve.mjs) sends a Content-Security-Policy with a fresh nonce and passes the nonce
// in the load context: React's own inline scripts get it from renderToPipeableStream, Remix's streaming chunks
// from <RemixServer nonce>, and <Scripts>/<ScrollRestoration> in root.tsx from NonceContext. In dev there is none.
export default function handleRequest(request: Request, responseStatusCode: number, responseHeaders: Headers, remixContext: EntryContext, loadContext?: AppLoadContext) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const cspNonce = (loadContext as { cspNonce?: unknown } | undefined)?.cspNonce;
  const nonce = isCspNonce(cspNonce) ? cspNonce : undefined;
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const app = (
      <NonceContext.Provider value={nonce ?? ""}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceContext.Provider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      [waitForAll ? "onAllReady" : "onShellReady"]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Logged on the server only; the user sees the error page, never a stack trace.
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/** Errors reach the server log; users get the ErrorBoundary page. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

// The production server (scripts/serve.mjs) answers survey submissions with this lean handler before the
// Remix pipeline; it reaches it through the server build's entry module.
export { surveySubmitListener } from "./utils/survey-submit.server";
// Checked once at start by scripts/serve.mjs: Word reports draw charts with a CJK font.
export { cjkFontStatus } from "./utils/report-fonts.server";
// The policy scripts/serve.mjs puts on document responses, with the nonce it passes in the load context.
export { documentCsp } from "./utils/csp";
