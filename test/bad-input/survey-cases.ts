// Survey submit cases (/s/<token>/submit), each sent through the Remix route (dev server, tests) and through the
// lean node:http handler the production server answers with (scripts/serve.mjs → surveySubmitListener).
import crypto from "node:crypto";
import http from "node:http";
import { expect } from "vitest";
import * as submitRoute from "#app/routes/s.$token.submit";
import type { Family } from "#app/domain/survey/questionnaire";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { prisma } from "#app/utils/db.server";
import { BASE, call } from "#test/route-helpers";
import type { CorpusContext } from "./context";
import type { DbChanges } from "./db-snapshot";
import type { BadInputCase, Category, Outcome } from "./harness";
import { CONTROL_STRINGS, HOSTILE_STRINGS } from "./strings";

type Mode = "route" | "lean";
type Tokens = CorpusContext["tokens"];

const rnd = seededRandom(20261130);
const key = () => crypto.randomBytes(12).toString("base64url");
const device = () => crypto.randomBytes(16).toString("base64url");
const validatorOf = (family: Family) => questionnaireValidator(`${family}.v1`)!;
/** A complete, valid answer set (social: a parent, so every question is shown). */
export function validAnswers(family: Family = "social"): Record<string, unknown> {
  return sampleAnswers(validatorOf(family), rnd, family === "social" ? { fixed: { identity: "parent" } } : {});
}
const envelope = (answers: unknown, extra: Record<string, unknown> = {}) => ({ idempotencyKey: key(), answers, deviceToken: device(), ...extra });

/** POSTs a raw body to the submit path of a token (the token %-encoded into the path). */
async function send(mode: Mode, ctx: CorpusContext, token: string, body: string | Buffer, headers: Record<string, string> = {}): Promise<Outcome> {
  const h = { "Content-Type": "application/json", ...headers };
  if (mode === "route") {
    const request = new Request(`${BASE}/s/${encodeURIComponent(token)}/submit`, { method: "POST", body: typeof body === "string" ? body : new Uint8Array(body), headers: h });
    const r = await call(submitRoute.action, request, { token }, { clientAddress: ctx.nextClient() });
    return { status: r.status, body: r.data };
  }
  return rawLean(ctx, `/s/${encodeURIComponent(token)}/submit`, body, h);
}

/** The lean handler with a raw request path (no URL normalisation: %-escapes and dots go out as written). */
function rawLean(ctx: CorpusContext, path: string, body: string | Buffer, headers: Record<string, string> = { "Content-Type": "application/json" }): Promise<Outcome> {
  const url = new URL(ctx.leanBase);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: "POST", path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          /* a page */
        }
        resolve({ status: res.statusCode ?? 0, body: parsed });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

const json = (mode: Mode, ctx: CorpusContext, token: (t: Tokens) => string, body: unknown, headers?: Record<string, string>) => send(mode, ctx, token(ctx.tokens), typeof body === "string" ? body : JSON.stringify(body), headers);

/** What one accepted submission writes: the response, the device's participation, the link's counter. */
export const ACCEPTED: DbChanges = { SurveyResponse: { added: 1, removed: 0 }, SurveyParticipation: { added: 1, removed: 0 }, SurveyLink: { added: 1, removed: 1 } };
/** A round may keep bookkeeping of its responses (e.g. a hash-chain head), updated in place. */
const ROUND_BOOKKEEPING = ["SurveyRound"] as const;

async function storedComment(receipt: unknown): Promise<string | undefined> {
  const row = await prisma.surveyResponse.findUniqueOrThrow({ where: { id: String(receipt) }, select: { answers: true } });
  return (JSON.parse(row.answers) as { comment?: string }).comment;
}

const FORMAT_ERROR = /提交内容格式错误/;

export function surveyCases(): BadInputCase[] {
  const out: BadInputCase[] = [];
  for (const mode of ["route", "lean"] as const) {
    const category: Category = mode === "route" ? "survey-submit" : "survey-submit-lean";
    const add = (c: Omit<BadInputCase, "category">) => out.push({ ...c, category });
    const social = (t: Tokens) => t.social;
    const refused = (name: string, body: string) => add({ name, send: (ctx) => json(mode, ctx, social, body), status: 400, message: FORMAT_ERROR });

    // ── the body is not a submission ─────────────────────────────────────────────────────────
    refused("空请求体", "");
    refused("不是 JSON", "{not json");
    refused("JSON null", "null");
    refused("JSON 数组", "[]");
    refused("JSON 数字", "12345");
    refused("JSON 字符串", '"answers"');
    refused("JSON true", "true");
    // Both paths drop a leading UTF-8 BOM (request.text() does; the lean handler does the same).
    add({ name: "带 BOM 的 JSON（去掉 BOM 后接受）", send: (ctx) => json(mode, ctx, social, "\ufeff" + JSON.stringify(envelope(validAnswers()))), status: 200, writes: ACCEPTED, mayUpdate: ROUND_BOOKKEEPING });
    add({ name: "截断的 JSON", send: (ctx) => json(mode, ctx, social, JSON.stringify(envelope(validAnswers())).slice(0, 60)), status: 400, message: FORMAT_ERROR });
    add({ name: "2 万层嵌套的 JSON", send: (ctx) => json(mode, ctx, social, `{"idempotencyKey":"${key()}","answers":${"[".repeat(20_000)}${"]".repeat(20_000)}}`), status: 400, message: /答卷格式不正确/ });
    add({
      name: "重复的 answers 键（后者为数组）",
      send: (ctx) => json(mode, ctx, social, `{"idempotencyKey":"${key()}","answers":${JSON.stringify(validAnswers())},"answers":[]}`),
      status: 400,
      message: /答卷格式不正确/,
    });
    add({ name: "请求体 70 KB", send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), comment: "x".repeat(70_000) })), status: 413, message: /过大/ });
    add({ name: "请求体 1 MB", send: (ctx) => json(mode, ctx, social, "{" + " ".repeat(1024 * 1024) + "}"), status: 413, message: /过大/ });
    add({ name: "3 万个汉字（字节数超限）", send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), comment: "认".repeat(30_000) })), status: 413, message: /过大/ });
    add({ name: "评论 501 字", send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), comment: "长".repeat(501) })), status: 400, message: /字数超出限制/ });
    add({ name: "评论 251 个四字节字符（502 个 UTF-16 单元）", send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), comment: "𠀀".repeat(251) })), status: 400, message: /字数超出限制/ });
    add({
      name: "评论 250 个四字节字符（刚好 500 个单元，接受）",
      send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), comment: "𠀀".repeat(250) })),
      status: 200,
      writes: ACCEPTED,
      mayUpdate: ROUND_BOOKKEEPING,
      check: async (o) => expect(await storedComment((o.body as { receipt: string }).receipt)).toBe("𠀀".repeat(250)),
    });
    add({
      name: "评论中的无效 UTF-8 字节（过长编码 C0 AF，按替换字符保存）",
      send: (ctx) => {
        const [head, tail] = JSON.stringify(envelope({ ...validAnswers(), comment: "SPLIT" })).split("SPLIT");
        return send(mode, ctx, ctx.tokens.social, Buffer.concat([Buffer.from(head!), Buffer.from([0xc0, 0xaf, 0x41]), Buffer.from(tail!)]));
      },
      status: 200,
      writes: ACCEPTED,
      mayUpdate: ROUND_BOOKKEEPING,
      check: async (o) => expect(await storedComment((o.body as { receipt: string }).receipt)).toBe("\uFFFD\uFFFDA"),
    });
    add({
      name: "结构中的无效 UTF-8 字节",
      send: (ctx) => send(mode, ctx, ctx.tokens.social, Buffer.concat([Buffer.from('{"idempotencyKey":'), Buffer.from([0xff, 0xfe]), Buffer.from(`"${key()}"}`)])),
      status: 400,
      message: FORMAT_ERROR,
    });

    // ── envelope fields of the wrong type or shape ───────────────────────────────────────────
    const keyVariants: [string, unknown][] = [
      ["缺少", undefined],
      ["数字", 1234567890123456],
      ["null", null],
      ["数组", [key()]],
      ["对象", { key: key() }],
      ["布尔值", true],
      ["过短", "short"],
      ["65 个字符", "k".repeat(65)],
      ["含斜杠", "abcdefgh/ijklmnopq"],
      ["SQL 注入", "' OR 1=1; DELETE FROM SurveyResponse; --"],
      ["汉字", "提交编号提交编号提交编号提交编号"],
      ["含空字节", "abcdefgh\u0000ijklmnop"],
    ];
    for (const [label, value] of keyVariants) {
      add({ name: `提交编号${label}`, send: (ctx) => json(mode, ctx, social, { ...envelope(validAnswers()), idempotencyKey: value }), status: 400, message: /提交编号/ });
    }
    const deviceVariants: [string, unknown][] = [
      ["数字", 1234567890123456],
      ["过短", "abc"],
      ["含路径穿越", "../../../../etc/passwd"],
      ["对象", { id: device() }],
      ["SQL 注入", "x' OR '1'='1' --xxxxxxxx"],
    ];
    for (const [label, value] of deviceVariants) {
      add({ name: `设备标识${label}`, send: (ctx) => json(mode, ctx, social, { ...envelope(validAnswers()), deviceToken: value }), status: 400, message: /设备/ });
    }
    const stampVariants: [string, unknown][] = [
      ["数字", Date.now()],
      ["对象", { at: Date.now() }],
      ["201 个字符", "9".repeat(201)],
    ];
    for (const [label, value] of stampVariants) {
      add({ name: `打开时间戳${label}`, send: (ctx) => json(mode, ctx, social, { ...envelope(validAnswers()), openStamp: value }), status: 400, message: /时间/ });
    }
    add({
      name: "设备 Cookie 含无效 %-转义",
      send: (ctx) => json(mode, ctx, social, { idempotencyKey: key(), answers: validAnswers() }, { Cookie: "yz_dev=%E0%A4%A; other=1" }),
      status: 200,
      writes: { SurveyResponse: { added: 1, removed: 0 }, SurveyLink: { added: 1, removed: 1 } },
      mayUpdate: ROUND_BOOKKEEPING,
    });

    // ── answers: not an object, wrong types, out of range, missing, extra ──────────────────────
    for (const [label, value] of [["缺少", undefined], ["null", null], ["数组", [5, 4, 3]], ["字符串", "q1=5"], ["数字", 5]] as const) {
      add({ name: `answers ${label}`, send: (ctx) => json(mode, ctx, social, { ...envelope(value), answers: value }), status: 400, message: /答卷格式不正确/ });
    }
    const sample = validAnswers();
    const choiceNames = Object.keys(sample).filter((n) => n !== "comment");
    choiceNames.forEach((name, i) => {
      const v = sample[name];
      const typeSwapped = typeof v === "number" ? String(v) : 12345;
      const outOfRange = typeof v === "number" ? [99, -1, 4.5, 0][i % 4] : ["not-a-choice", "PARENT", " parent", "家长"][i % 4];
      const structured = [[v], { value: v }, true, false][i % 4];
      add({ name: `${name} 类型不对（${JSON.stringify(typeSwapped)}）`, send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), [name]: typeSwapped })), status: 400, message: new RegExp(name) });
      add({ name: `${name} 超出选项（${JSON.stringify(outOfRange)}）`, send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), [name]: outOfRange })), status: 400, message: new RegExp(`${name}：(不是本题的有效选项|答案类型不正确)`) });
      add({ name: `${name} 结构化值（${JSON.stringify(structured)}）`, send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), [name]: structured })), status: 400, message: new RegExp(`${name}：答案类型不正确`) });
      add({
        name: `缺少必答题 ${name}`,
        send: (ctx) => {
          const a = validAnswers();
          delete a[name];
          return json(mode, ctx, social, envelope(a));
        },
        status: 400,
        message: name === "identity" ? /请回答此题/ : new RegExp(`${name}：请回答此题`),
      });
    });
    for (const extra of ["hacker", "__proto__", "constructor", "toString", "q10", "Q1", "q1 ", "questionnaire"]) {
      add({ name: `多余的字段 ${JSON.stringify(extra)}`, send: (ctx) => json(mode, ctx, social, `{"idempotencyKey":"${key()}","answers":${JSON.stringify(validAnswers()).slice(0, -1)},${JSON.stringify(extra)}:1}}`), status: 400, message: /问卷中没有这道题/ });
    }
    for (const [label, value] of HOSTILE_STRINGS.slice(0, 3)) {
      add({ name: `选择题 identity 为${label}`, send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), identity: value })), status: 400, message: /identity：不是本题的有效选项/ });
    }
    for (const [label, value] of [["数字", 42], ["对象", { text: "好" }], ["数组", ["好"]]] as const) {
      add({ name: `评论为${label}`, send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), comment: value })), status: 400, message: /comment：答案类型不正确/ });
    }

    // ── wrong questionnaire or version ───────────────────────────────────────────────────────
    add({ name: "校长教师卷的答案提交到社会卷链接", send: (ctx) => json(mode, ctx, social, envelope(validAnswers("staff"))), status: 400, message: /问卷中没有这道题|不是本题的有效选项/ });
    add({ name: "学生卷的答案提交到社会卷链接", send: (ctx) => json(mode, ctx, social, envelope(validAnswers("student"))), status: 400, message: /问卷中没有这道题|请回答此题/ });
    add({ name: "社会卷的答案提交到学生卷链接", send: (ctx) => json(mode, ctx, (t) => t.student, envelope(validAnswers("social"))), status: 400, message: /问卷中没有这道题/ });
    add({ name: "答案中自带版本号 version", send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), version: "social.v2" })), status: 400, message: /问卷中没有这道题/ });
    add({ name: "链接指向不存在的问卷版本 social.v9", send: (ctx) => json(mode, ctx, (t) => t.oldVersion, envelope(validAnswers())), status: 410, message: /版本已不可用/ });
    add({
      name: "回答了被隐藏的题（非家长填写学段，丢弃该答案）",
      send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), identity: "deputy", gradeBand: "junior" })),
      status: 200,
      writes: ACCEPTED,
      mayUpdate: ROUND_BOOKKEEPING,
      check: async (o) => {
        const row = await prisma.surveyResponse.findUniqueOrThrow({ where: { id: (o.body as { receipt: string }).receipt }, select: { answers: true, group: true, gradeBand: true } });
        expect(JSON.parse(row.answers).gradeBand).toBeUndefined();
        expect([row.group, row.gradeBand]).toEqual(["deputy", null]);
      },
    });

    // ── injection strings in the free-text answer: stored as inert text, exactly as typed (trimmed) ──
    // Control characters too: the answers are stored as JSON (escaped), and exports drop them.
    for (const [label, value] of [...HOSTILE_STRINGS, ...CONTROL_STRINGS]) {
      add({
        name: `评论含${label}（作为文字保存）`,
        send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), comment: value })),
        status: 200,
        writes: ACCEPTED,
        mayUpdate: ROUND_BOOKKEEPING,
        check: async (o) => expect(await storedComment((o.body as { receipt: string }).receipt)).toBe(value.trim()),
      });
    }
    add({ name: "评论只有空白（视为未填）", send: (ctx) => json(mode, ctx, social, envelope({ ...validAnswers(), comment: " \t\r\n　" })), status: 200, writes: ACCEPTED, mayUpdate: ROUND_BOOKKEEPING, check: async (o) => expect(await storedComment((o.body as { receipt: string }).receipt)).toBeUndefined() });

    // ── forged, expired, revoked tokens and %-escape garbage ─────────────────────────────────
    const badTokens: [string, string][] = [
      ["不存在的链接", "ZZZZZZZZZZZZ"],
      ["SQL 注入", "' OR '1'='1"],
      ["路径穿越", "../../etc/passwd"],
      ["1000 个字符", "a".repeat(1000)],
      ["含空字节", "abcdefgh\u0000jkl"],
      ["含 base58 不用的字符", "0OIl0OIl0OIl"],
    ];
    // An empty token is no submit path for the lean handler (/s//submit); the route still gets its param.
    if (mode === "route") badTokens.push(["空", ""]);
    for (const [label, token] of badTokens) {
      add({ name: `链接${label}`, send: (ctx) => send(mode, ctx, token, JSON.stringify(envelope(validAnswers()))), status: 404, message: /问卷链接无效/ });
    }
    const gone: [string, keyof Tokens, RegExp][] = [
      ["已结束的调查轮次", "closed", /已经结束/],
      ["已停用的链接", "revoked", /已停用/],
      ["已过期的链接", "expired", /已过期/],
      ["尚未开始的调查", "notYet", /还没有开始/],
    ];
    for (const [label, which, message] of gone) {
      add({ name: label, send: (ctx) => json(mode, ctx, (t) => t[which], envelope(validAnswers())), status: 410, message });
    }
    if (mode === "lean") {
      for (const path of ["/s/%E0%A4%A/submit", "/s/%/submit", "/s/%%32%30/submit", "/s/%C0%AF/submit", "/s/%00/submit", "/s/%2e%2e%2f%2e%2e%2fetc/submit", "/s/%F0%9F%98/submit"]) {
        add({ name: `URL 中的 %-转义 ${path}`, send: (ctx) => rawLean(ctx, path, JSON.stringify(envelope(validAnswers()))), status: 404, message: /问卷链接无效/ });
      }
    } else {
      for (const token of ["%E0%A4%A", "%00", "%2e%2e%2f"]) {
        add({ name: `路由参数中残留的 %-转义 ${token}`, send: (ctx) => send(mode, ctx, token, JSON.stringify(envelope(validAnswers()))), status: 404, message: /问卷链接无效/ });
      }
      add({ name: "用 GET 访问提交地址", send: async () => {
        const r = await call(submitRoute.loader, new Request(`${BASE}/s/x/submit`), { token: "x" });
        return { status: r.status, body: r.data };
      }, status: 405, message: /问卷页面/ });
    }

    // ── replayed and repeated submissions ─────────────────────────────────────────────────────
    let first: Record<string, unknown> = {};
    let firstReceipt = "";
    add({
      name: "同一提交编号重放（按重复确认，不再写入）",
      setup: async (ctx) => {
        first = envelope(validAnswers());
        const r = await json(mode, ctx, (t) => t.replay, first);
        firstReceipt = (r.body as { receipt: string }).receipt;
      },
      send: (ctx) => json(mode, ctx, (t) => t.replay, first),
      status: 200,
      check: (o) => expect(o.body).toEqual({ ok: true, receipt: firstReceipt, duplicate: true }),
    });
    add({
      name: "同一提交编号、不同答案（不覆盖第一次的答案）",
      send: (ctx) => json(mode, ctx, (t) => t.replay, { ...first, answers: { ...validAnswers(), comment: "篡改后的答案" } }),
      status: 200,
      check: async (o) => {
        expect(o.body).toMatchObject({ ok: true, receipt: firstReceipt, duplicate: true });
        expect(await storedComment(firstReceipt)).not.toBe("篡改后的答案");
      },
    });
    add({
      name: "同一提交编号提交到另一份问卷的链接",
      send: (ctx) => json(mode, ctx, (t) => t.staff, { ...first, answers: validAnswers("staff"), deviceToken: device() }),
      status: 200,
      check: (o) => expect(o.body).toMatchObject({ ok: true, receipt: firstReceipt, duplicate: true }),
    });
    add({ name: "同一设备换一个提交编号再交一次", send: (ctx) => json(mode, ctx, (t) => t.replay, { ...first, idempotencyKey: key() }), status: 409, message: /已经提交过/ });
    add({ name: "同一设备（只带 Cookie）再交一次", send: (ctx) => json(mode, ctx, (t) => t.replay, { idempotencyKey: key(), answers: validAnswers() }, { Cookie: `yz_dev=${String(first.deviceToken)}` }), status: 409, message: /已经提交过/ });
    add({
      name: "名额已满的链接",
      setup: async (ctx) => {
        const link = await prisma.surveyLink.findUniqueOrThrow({ where: { token: ctx.tokens.capped }, select: { responseCount: true } });
        if (link.responseCount === 0) await json("route", ctx, (t) => t.capped, envelope(validAnswers()));
      },
      send: (ctx) => json(mode, ctx, (t) => t.capped, envelope(validAnswers())),
      status: 410,
      message: /名额|达到计划数量/,
    });
    add({
      name: "同一提交同时连点三次（只保存一份）",
      send: async (ctx) => {
        const body = envelope(validAnswers());
        const results = await Promise.all([0, 1, 2].map(() => json(mode, ctx, (t) => t.social, body)));
        const receipts = new Set(results.map((r) => (r.body as { receipt?: string }).receipt));
        return { status: receipts.size === 1 ? Math.max(...results.map((r) => r.status)) : 409, body: results[0]!.body };
      },
      status: 200,
      writes: ACCEPTED,
      mayUpdate: ROUND_BOOKKEEPING,
    });

    // ── content types ─────────────────────────────────────────────────────────────────────────
    add({ name: "Content-Type: text/plain 的有效答卷（sendBeacon 式，接受）", send: (ctx) => json(mode, ctx, social, envelope(validAnswers()), { "Content-Type": "text/plain;charset=UTF-8" }), status: 200, writes: ACCEPTED, mayUpdate: ROUND_BOOKKEEPING });
    add({ name: "表单编码的请求体", send: (ctx) => json(mode, ctx, social, "idempotencyKey=abcdefghijklmnopq&q1=5", { "Content-Type": "application/x-www-form-urlencoded" }), status: 400, message: FORMAT_ERROR });
    add({
      name: "multipart 请求体",
      send: (ctx) => json(mode, ctx, social, `--b\r\nContent-Disposition: form-data; name="answers"\r\n\r\n{}\r\n--b--\r\n`, { "Content-Type": "multipart/form-data; boundary=b" }),
      status: 400,
      message: FORMAT_ERROR,
    });
  }

  // ── one client flooding the endpoint (route: the client address is the bucket) ─────────────────
  out.push({
    category: "survey-submit",
    name: "同一客户端短时间内大量提交（限流）",
    send: async (ctx) => {
      const client = "10.99.99.99";
      for (let i = 0; i < 2000; i++) {
        const r = await call(submitRoute.action, new Request(`${BASE}/s/${ctx.tokens.social}/submit`, { method: "POST", body: "{", headers: { "Content-Type": "application/json" } }), { token: ctx.tokens.social }, { clientAddress: client });
        if (r.status !== 400) return { status: r.status, body: r.data };
      }
      return { status: 400, body: { message: "没有触发限流" } };
    },
    status: 429,
    message: /频繁/,
  });
  return out;
}
