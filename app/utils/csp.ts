// Content-Security-Policy texts. The production server (scripts/serve.mjs) draws a fresh nonce per request and
// puts documentCsp(nonce) on every HTML (and SVG) response that does not carry a policy of its own; the nonce
// reaches Remix's inline scripts through the load context (app/entry.server.tsx, app/root.tsx). Resource routes
// that return whole standalone documents (report print views, QR posters, their error pages) send
// STANDALONE_DOCUMENT_CSP instead. The dev server (Vite) sends no document policy: its HMR client and React
// refresh preamble are inline scripts and a WebSocket.

const NONCE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/** True for a base64 nonce of at least 12 random bytes (serve.mjs: crypto.randomBytes(16).toString("base64")). */
export function isCspNonce(value: unknown): value is string {
  return typeof value === "string" && NONCE.test(value);
}

/**
 * The policy of the app's own pages (Remix documents).
 * - script-src: only our hashed bundles ('self') and the inline scripts carrying this response's nonce
 *   (Remix's hydration data, module loader, scroll restoration, streaming chunks). No 'unsafe-eval': neither
 *   SurveyJS expressions, antd nor ECharts need it (test/e2e/security.test.ts watches for violations).
 * - style-src 'unsafe-inline': antd's CSS-in-JS inserts <style> elements at run time, SurveyJS and React
 *   server-render style="" attributes, and a few routes inline their small CSS so the first paint needs no
 *   stylesheet request. A nonce cannot cover style attributes, and a nonce in style-src would make the browser
 *   ignore 'unsafe-inline' — so style-src carries no nonce. Injected CSS cannot run script.
 * - img-src data: blob: — antd's stylesheet inlines data: images; blob: for images a page builds itself (none yet).
 * - frame-ancestors 'none': no app page is meant to be framed (the report preview frames a resource route, which
 *   has its own policy).
 */
export function documentCsp(nonce: string): string {
  if (!isCspNonce(nonce)) throw new Error("CSP nonce must be base64 of at least 12 random bytes");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The only script a standalone document may run: the inline handler of its print button, onclick="window.print()". */
export const PRINT_BUTTON_HANDLER = "window.print()";
/** sha256 of PRINT_BUTTON_HANDLER, base64 (checked in csp.test.ts). */
export const PRINT_BUTTON_HANDLER_HASH = "sha256-MguIPR6qNR8D3B+eAlK+bIRTZe8t3wkOY4B/56Me9FU=";

/**
 * The policy of standalone HTML documents answered by resource routes (report print views, poster print view,
 * their Chinese error pages): inline CSS and inline SVG/data: images only, nothing is fetched, no script but the
 * print button's handler ('unsafe-hashes' allows exactly that attribute value and nothing else). Framing by our
 * own pages is allowed: the report pages preview the print view in an iframe.
 */
export const STANDALONE_DOCUMENT_CSP = [
  "default-src 'none'",
  `script-src 'unsafe-hashes' '${PRINT_BUTTON_HANDLER_HASH}'`,
  "style-src 'unsafe-inline'",
  "img-src data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");
