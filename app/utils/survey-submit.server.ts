// The HTTP side of a survey submission, shared by the lean handler of the production server
// (surveySubmitListener, exported through app/entry.server.tsx) and the Remix resource route
// app/routes/s.$token.submit.tsx (dev server, integration tests). Same code, same answers.
import crypto from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { LINK_STATUS_MESSAGES } from "#app/domain/survey/link-status";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { findQuestionnaireByToken, submitResponse, type SubmitOutcome } from "#app/models/survey-submit.server";
import { allowSubmission } from "#app/models/rate-limit.server";
import { getEnv } from "./env.server";

/** Largest accepted submission body (a questionnaire's answers are ~1 kB; the comment is ≤ 500 characters). */
export const MAX_SUBMIT_BYTES = 64 * 1024;
export const TOKEN_PATTERN = /^[1-9A-HJ-NP-Za-km-z]{8,32}$/;
export const DEVICE_COOKIE = "yz_dev";

const FORMAT_MESSAGE = "提交内容格式错误。";
const KEY_MESSAGE = "缺少或无效的提交编号";
const DEVICE_MESSAGE = "设备标识无效，请刷新问卷页面后重新提交。";
const STAMP_MESSAGE = "问卷打开时间标记无效，请刷新问卷页面后重新提交。";
// Every issue has a Chinese message: a wrong type (a number, null, an array …) would otherwise get zod's English one.
const EnvelopeSchema = z.object(
  {
    idempotencyKey: z.string({ required_error: KEY_MESSAGE, invalid_type_error: KEY_MESSAGE }).regex(/^[A-Za-z0-9_-]{16,64}$/, KEY_MESSAGE),
    answers: z.unknown(),
    deviceToken: z.string({ invalid_type_error: DEVICE_MESSAGE }).regex(/^[A-Za-z0-9_-]{16,64}$/, DEVICE_MESSAGE).optional().nullable(),
    openStamp: z.string({ invalid_type_error: STAMP_MESSAGE }).max(200, STAMP_MESSAGE).optional().nullable(),
  },
  { required_error: FORMAT_MESSAGE, invalid_type_error: FORMAT_MESSAGE },
);

export interface SubmitHttpResult {
  status: number;
  body: Record<string, unknown>;
}

// ── signed "questionnaire opened at" stamp: lets the server measure the answering time itself ─────────
function stampMac(ms: string) {
  return crypto.createHmac("sha256", getEnv().sessionSecret).update(`open:${ms}`).digest("base64url").slice(0, 22);
}
/** Issued by the survey page when the questionnaire is shown. */
export function createOpenStamp(now = Date.now()): string {
  const ms = String(now);
  return `${ms}.${stampMac(ms)}`;
}
/** Seconds since a valid stamp; null for a missing, forged or implausible one. */
export function secondsSinceStamp(stamp: string | null | undefined, now = Date.now()): number | null {
  if (!stamp) return null;
  const [ms, mac] = stamp.split(".");
  if (!ms || !mac || !/^\d{12,14}$/.test(ms)) return null;
  const expected = stampMac(ms);
  if (mac.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected))) return null;
  const seconds = (now - Number(ms)) / 1000;
  return seconds >= 0 && seconds < 7 * 24 * 3600 ? seconds : null;
}

function cookieValue(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join("="));
    } catch {
      return null; // a malformed %-escape is no device token (uncaught, it was a 500 / the lean handler's 503)
    }
  }
  return null;
}

const fail = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): SubmitHttpResult => ({ status, body: { ok: false, code, message, ...extra } });

function fromOutcome(o: SubmitOutcome): SubmitHttpResult {
  switch (o.kind) {
    case "accepted":
      return { status: 200, body: { ok: true, receipt: o.receipt, duplicate: o.duplicate } };
    case "already_answered":
      return fail(409, "already_answered", "本设备已经提交过本轮问卷，感谢您的参与。");
    case "unknown_link":
      return fail(404, "unknown_link", "问卷链接无效，请重新扫描二维码。");
    case "unavailable":
      return fail(410, o.status, LINK_STATUS_MESSAGES[o.status].body);
  }
}

/**
 * Checks and stores one submission. Never throws for bad input: every outcome is a status and a Chinese message.
 * 200 acknowledged (also for a retried idempotency key) · 400 invalid · 404 unknown link · 409 already answered on
 * this device · 410 not open/closed/revoked/expired/cap reached · 413 too large · 429 too many from one client ·
 * 503 storage busy (the phone retries with the same key).
 */
export async function handleSurveySubmit(token: string, rawBody: string, ctx: { cookieHeader?: string | null; client?: string }): Promise<SubmitHttpResult> {
  if (!TOKEN_PATTERN.test(token)) return fail(404, "unknown_link", "问卷链接无效，请重新扫描二维码。");
  if (Buffer.byteLength(rawBody) > MAX_SUBMIT_BYTES) return fail(413, "too_large", "提交内容过大。");
  // Per client address, shared by every app process (300 per 10 s; generous, a whole school may share one NAT address).
  if (!allowSubmission(ctx.client ?? "unknown")) return fail(429, "rate_limited", "提交过于频繁，请稍后再试。");
  let parsed: unknown;
  try {
    // The Remix route's request.text() drops a UTF-8 BOM; the lean handler's Buffer#toString keeps it: same answer.
    parsed = JSON.parse(rawBody.replace(/^\ufeff/, ""));
  } catch {
    return fail(400, "invalid", FORMAT_MESSAGE);
  }
  const envelope = EnvelopeSchema.safeParse(parsed);
  if (!envelope.success) return fail(400, "invalid", envelope.error.issues[0]?.message ?? FORMAT_MESSAGE);
  const questionnaire = await findQuestionnaireByToken(token);
  if (questionnaire === null) return fail(404, "unknown_link", "问卷链接无效，请重新扫描二维码。");
  const validator = questionnaireValidator(questionnaire);
  if (!validator) return fail(410, "closed", "该问卷版本已不可用。");
  const result = validator.validate(envelope.data.answers);
  if (!result.ok) return fail(400, "invalid", "答卷未通过检查：" + result.errors.map((e) => (e.field ? `${e.field}：${e.message}` : e.message)).join("；"), { errors: result.errors });
  const deviceToken = envelope.data.deviceToken ?? cookieValue(ctx.cookieHeader, DEVICE_COOKIE);
  try {
    const outcome = await submitResponse({
      token,
      idempotencyKey: envelope.data.idempotencyKey,
      answers: result.value,
      group: result.group,
      area: result.area,
      gradeBand: result.gradeBand,
      durationSeconds: secondsSinceStamp(envelope.data.openStamp),
      deviceToken: deviceToken && /^[A-Za-z0-9_-]{16,64}$/.test(deviceToken) ? deviceToken : null,
      validator,
    });
    return fromOutcome(outcome);
  } catch (e) {
    console.error("survey submit: storage error", e);
    return fail(503, "busy", "服务器繁忙，答卷尚未保存，请稍后重试。");
  }
}

/**
 * The client address for the per-client limit, as the Remix route gets it from Express (`req.ip`): behind a reverse
 * proxy (TRUST_PROXY=true, scripts/serve.mjs sets Express's "trust proxy" from the same variable) the left-most
 * X-Forwarded-For entry, else the socket's address. Without this, every phone behind the proxy would share the
 * proxy's address and one allowance (30/s for a whole county).
 */
function clientOf(req: IncomingMessage): string {
  if (process.env.TRUST_PROXY === "true") {
    const xff = req.headers["x-forwarded-for"];
    const first = (Array.isArray(xff) ? xff[0] : xff)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/**
 * The lean production handler: node:http request → handleSurveySubmit → JSON, without the Remix route
 * pipeline (which caps a route at ~1.6 k requests/s here). Returns false when the request is not a submit.
 */
export function surveySubmitListener(req: IncomingMessage, res: ServerResponse): boolean {
  const m = req.method === "POST" && req.url ? /^\/s\/([^/?#]+)\/submit(?:\?.*)?$/.exec(req.url) : null;
  if (!m) return false;
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  const send = (r: SubmitHttpResult) => {
    if (res.headersSent) return;
    const body = JSON.stringify(r.body);
    res.writeHead(r.status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Content-Length": Buffer.byteLength(body), "X-Content-Type-Options": "nosniff" });
    res.end(body);
  };
  req.on("data", (c: Buffer) => {
    size += c.length;
    if (size > MAX_SUBMIT_BYTES) {
      if (!tooLarge) send(fail(413, "too_large", "提交内容过大。"));
      tooLarge = true;
      req.resume();
      return;
    }
    chunks.push(c);
  });
  req.on("end", () => {
    if (tooLarge) return;
    let token = "";
    try {
      token = decodeURIComponent(m[1]!);
    } catch {
      // A malformed %-escape is no token (404 below) — uncaught here, it would end the whole server process.
    }
    handleSurveySubmit(token, Buffer.concat(chunks).toString("utf8"), { cookieHeader: req.headers.cookie, client: clientOf(req) })
      .then(send)
      .catch(() => send(fail(503, "busy", "服务器繁忙，请稍后重试。")));
  });
  req.on("error", () => send(fail(400, "invalid", "提交中断。")));
  return true;
}
