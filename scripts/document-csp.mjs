// The Content-Security-Policy default of the production server (scripts/serve.mjs): every response a browser renders
// as a document gets the app's policy (app/utils/csp.ts) unless the route answered with a policy of its own.

/** Responses a browser renders as a document, where a Content-Security-Policy takes effect. */
const DOCUMENT_TYPE = /^\s*(text\/html|application\/xhtml\+xml|image\/svg\+xml)\b/i;

/** True when a Content-Type names a document type (HTML, XHTML, SVG). */
export function isDocumentType(contentType) {
  return DOCUMENT_TYPE.test(String(contentType ?? ""));
}

/**
 * Puts `policy` on `res` (a node:http ServerResponse) just before its head is written, if the response is a
 * document and carries no Content-Security-Policy of its own. Resource routes answering standalone documents set
 * a stricter policy; a second header would be enforced too, so this one must not be added then.
 */
export function defaultDocumentCsp(res, policy) {
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadWithCsp(...args) {
    // Express and Remix set headers with setHeader; a headers object passed to writeHead itself is looked at too.
    const passed = args.find((a, i) => i > 0 && a && typeof a === "object" && !Array.isArray(a)) ?? {};
    const given = Object.fromEntries(Object.entries(passed).map(([k, v]) => [k.toLowerCase(), v]));
    const type = res.getHeader("Content-Type") ?? given["content-type"];
    if (!res.hasHeader("Content-Security-Policy") && !("content-security-policy" in given) && isDocumentType(type)) res.setHeader("Content-Security-Policy", policy);
    return writeHead.apply(this, args);
  };
}
