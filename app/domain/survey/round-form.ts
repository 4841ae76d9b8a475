/**
 * 调查轮次 (survey round) forms, state transitions and the texts printed or sent with each link (poster,
 * WeChat message). Pure: times are instants (Date, UTC); the people who type them think in Asia/Shanghai
 * (UTC+8, no daylight saving), so "yyyy-mm-ddThh:mm" is read and written as Shanghai wall-clock time.
 */
import { z } from "zod";
import { ROUND_STATES, type LinkStatus, type RoundState } from "./link-status";
import { FAMILIES, type Family } from "./questionnaire";
import { FAMILY_LABELS, LATEST_BY_FAMILY, familyOf } from "./registry";
import type { SamplingRule } from "./sampling-plan";

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATETIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** The official sampling rate (domain-spec §3.2: 常住人口的 1.5‰); not a form field. */
export const OFFICIAL_RATE_PER_MILLE = 1.5;

/**
 * Parses "yyyy-mm-ddThh:mm" (seconds optional, a space instead of T accepted) as Asia/Shanghai wall-clock time
 * and returns the UTC instant; null for a malformed or impossible value (2026-02-30, 24:00).
 */
export function parseShanghaiDateTime(value: string): Date | null {
  const m = DATETIME_PATTERN.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const same =
    wall.getUTCFullYear() === y && wall.getUTCMonth() === mo - 1 && wall.getUTCDate() === d && wall.getUTCHours() === h && wall.getUTCMinutes() === mi && wall.getUTCSeconds() === s;
  return same ? new Date(wall.getTime() - SHANGHAI_OFFSET_MS) : null;
}

function shanghaiParts(value: Date | string) {
  const wall = new Date(new Date(value).getTime() + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { y: wall.getUTCFullYear(), mo: pad(wall.getUTCMonth() + 1), d: pad(wall.getUTCDate()), h: pad(wall.getUTCHours()), mi: pad(wall.getUTCMinutes()), mon: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/** The instant as "yyyy-mm-ddThh:mm" in Asia/Shanghai (the value of an <input type="datetime-local">). */
export function toShanghaiInput(value: Date | string): string {
  const p = shanghaiParts(value);
  return `${p.y}-${p.mo}-${p.d}T${p.h}:${p.mi}`;
}

/** The instant as "2026年11月20日 08:00" in Asia/Shanghai (posters and messages). */
export function formatShanghaiLong(value: Date | string): string {
  const p = shanghaiParts(value);
  return `${p.y}年${p.mon}月${p.day}日 ${p.h}:${p.mi}`;
}

// ───────────────────────────── forms ─────────────────────────────

const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

function shanghaiDateTime(label: string) {
  return z
    .string({ required_error: `请填写${label}`, invalid_type_error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .transform((v, ctx) => {
      const d = parseShanghaiDateTime(v);
      if (!d) {
        ctx.addIssue({ code: "custom", message: `${label}格式应为 年-月-日 时:分（北京时间）`, fatal: true });
        return z.NEVER;
      }
      return d;
    });
}

function optionalShanghaiDateTime(label: string) {
  return z.preprocess((v) => (blank(v) ? undefined : v), shanghaiDateTime(label).optional());
}

function questionnaireField(family: Family) {
  const title = FAMILY_LABELS[family].title;
  return z.preprocess(
    (v) => (blank(v) ? LATEST_BY_FAMILY[family] : v),
    z.string().refine((id) => familyOf(id) === family, `${title}只能选择已发布的${title}版本`),
  );
}

const nameField = z
  .string({ required_error: "请填写轮次名称", invalid_type_error: "请填写轮次名称" })
  .trim()
  .min(1, "请填写轮次名称")
  .max(60, "轮次名称不超过 60 个字符");

const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

const windowFields = { name: nameField, opensAt: shanghaiDateTime("开始时间"), closesAt: shanghaiDateTime("结束时间") };

function closesAfterOpens(v: { opensAt: Date; closesAt: Date }, ctx: z.RefinementCtx) {
  if (!(v.opensAt instanceof Date) || !(v.closesAt instanceof Date)) return;
  if (v.closesAt.getTime() <= v.opensAt.getTime()) ctx.addIssue({ code: "custom", path: ["closesAt"], message: "结束时间必须晚于开始时间" });
}

/** "社会卷 v1" for "social.v1" (the id itself when unknown). */
export function questionnaireLabel(id: string): string {
  const family = familyOf(id);
  return family ? `${FAMILY_LABELS[family].title} ${id.slice(family.length + 1)}` : id;
}

/** Form field of the questionnaire chosen for a family: `questionnaire_social`, `questionnaire_staff`, … */
export const questionnaireFieldName = (family: Family) => `questionnaire_${family}` as const;

/**
 * The 新建调查轮次 form. Questionnaires: one published version per family (blank = the newest). minimumTotal: the
 * lower bound on the sample (0 = none; 600 reproduces the 2012 rule). parentShare: 家长 share as a fraction,
 * 0.5–1 (blank = 0.5). onePerDevice: a checkbox ("on"), absent = off.
 */
export const RoundFormSchema = z
  .object({
    ...windowFields,
    questionnaire_social: questionnaireField("social"),
    questionnaire_staff: questionnaireField("staff"),
    questionnaire_student: questionnaireField("student"),
    minimumTotal: z.preprocess(
      (v) => (blank(v) ? 0 : Number(v)),
      z.number({ invalid_type_error: "最低样本量应为整数" }).int("最低样本量应为整数").min(0, "最低样本量不能为负数").max(100_000, "最低样本量不超过 100000"),
    ),
    parentShare: z.preprocess(
      (v) => (blank(v) ? 0.5 : Number(v)),
      z.number({ invalid_type_error: "家长比例应为 0.5 到 1 之间的小数" }).min(0.5, "家长比例不得低于 0.5（50%）").max(1, "家长比例不得高于 1（100%）"),
    ),
    onePerDevice: checkbox,
  })
  .superRefine(closesAfterOpens)
  .transform((v) => ({
    name: v.name,
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    questionnaires: FAMILIES.map((f) => v[questionnaireFieldName(f)]),
    rule: { ratePerMille: OFFICIAL_RATE_PER_MILLE, minimumTotal: v.minimumTotal, parentShare: v.parentShare } satisfies SamplingRule,
    onePerDevice: v.onePerDevice,
  }));
export type RoundInput = z.output<typeof RoundFormSchema>;

/** Changing a round's name and window (draft or open rounds). */
export const RoundWindowSchema = z.object(windowFields).superRefine(closesAfterOpens);
export type RoundWindow = z.output<typeof RoundWindowSchema>;

/** Stored JSON of a round: the questionnaire ids and the sampling rule (parsed on every read). */
export const StoredQuestionnairesSchema = z.array(z.string());
export const StoredSamplingRuleSchema = z.object({ ratePerMille: z.number().min(0), minimumTotal: z.number().int().min(0), parentShare: z.number().min(0).max(1) });

// ───────────────────────────── state transitions ─────────────────────────────

export type RoundTransitionAction = "open" | "close" | "reopen";
export interface RoundTransition {
  action: RoundTransitionAction;
  to: RoundState;
  /** Button label. */
  label: string;
  /** 重新开放 needs a reason (it goes into the audit log). */
  needsReason: boolean;
}

const TRANSITIONS: Record<RoundState, RoundTransition[]> = {
  draft: [{ action: "open", to: "open", label: "开始调查", needsReason: false }],
  open: [{ action: "close", to: "closed", label: "结束调查", needsReason: false }],
  closed: [{ action: "reopen", to: "open", label: "重新开放", needsReason: true }],
};

/** What a round in `state` may move to: draft → open → closed → (重新开放) open. Unknown state: nothing. */
export function allowedTransitions(state: string): RoundTransition[] {
  return state in TRANSITIONS ? TRANSITIONS[state as RoundState] : [];
}

/** What the link table shows for each link status (linkStatus). */
export const LINK_STATUS_LABELS: Record<LinkStatus, string> = {
  open: "可填写",
  not_open: "未开始",
  closed: "已结束",
  revoked: "已停用",
  expired: "已过期",
  cap_reached: "名额已满",
};

/** Chinese label of a round state (草稿 / 进行中 / 已结束). */
export function roundStateLabel(state: string): string {
  return (ROUND_STATES as Record<string, string>)[state] ?? state;
}

export interface TransitionCheck {
  state: string;
  action: RoundTransitionAction;
  opensAt: Date;
  closesAt: Date;
  /** Reason typed for 重新开放. */
  reason?: string;
  /** A new closing time given with 重新开放. */
  newClosesAt?: Date;
  now: Date;
}

/**
 * Why the transition cannot happen, or null when it can: the state must allow it; 重新开放 needs a reason; a round
 * can only be opened (or reopened) while its closing time is still ahead — after it, 重新开放 must set a new one.
 */
export function transitionProblem(c: TransitionCheck): { field?: "reason" | "closesAt"; message: string } | null {
  if (!allowedTransitions(c.state).some((t) => t.action === c.action)) return { message: `当前状态为“${roundStateLabel(c.state)}”，不能执行该操作，请刷新页面。` };
  if (c.action === "reopen" && !c.reason?.trim()) return { field: "reason", message: "重新开放须填写原因" };
  if (c.action === "close") return null;
  const closesAt = c.newClosesAt ?? c.closesAt;
  if (closesAt.getTime() <= c.opensAt.getTime()) return { field: "closesAt", message: "结束时间必须晚于开始时间" };
  if (closesAt.getTime() <= c.now.getTime()) {
    return c.action === "reopen"
      ? { field: "closesAt", message: "原定结束时间已过，重新开放须填写新的结束时间（晚于现在）" }
      : { field: "closesAt", message: "结束时间已过，请先修改调查时间再开始调查" };
  }
  return null;
}

// ───────────────────────────── round page actions ─────────────────────────────

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const idField = (what: string) => z.string({ required_error: `缺少${what}` }).regex(ID_PATTERN, `${what}无效`);
/** Form field prefix of an editable plan cell: `quota.<quotaId>`. */
export const QUOTA_FIELD_PREFIX = "quota.";
export const MAX_PLANNED = 100_000;

const LimitsSchema = z.object({
  linkId: idField("链接"),
  cap: z.preprocess(
    (v) => (blank(v) ? null : Number(v)),
    z.number({ invalid_type_error: "名额上限应为正整数" }).int("名额上限应为正整数").min(1, "名额上限应为正整数（不限请留空）").max(MAX_PLANNED, `名额上限不超过 ${MAX_PLANNED}`).nullable(),
  ),
  expiresAt: z.preprocess((v) => (blank(v) ? null : v), shanghaiDateTime("链接有效期").nullable()),
});

export type RoundPageAction =
  | { intent: "open" | "close" | "createLinks" }
  | { intent: "reopen"; reason: string; closesAt?: Date }
  | ({ intent: "window" } & RoundWindow)
  | { intent: "revoke"; linkId: string }
  | ({ intent: "limits" } & z.output<typeof LimitsSchema>)
  | { intent: "quotas"; changes: { quotaId: string; planned: number }[] };

export type ParseResult<T> = { ok: true; value: T } | { ok: false; formError?: string; fieldErrors: Record<string, string> };

/** zod issues → { field: first message }. */
export function issuesToFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[issue.path.join(".") || "_"] ??= issue.message;
  return out;
}

function fromZod<T, U>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, input: unknown, wrap: (v: T) => U): ParseResult<U> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, value: wrap(r.data) };
  const fieldErrors = issuesToFieldErrors(r.error);
  return { ok: false, formError: Object.values(fieldErrors)[0], fieldErrors };
}

/** Parses the round form; errors keyed by field, in Chinese. */
export function parseRoundForm(form: Record<string, unknown>): ParseResult<RoundInput> {
  return fromZod(RoundFormSchema, form, (v) => v);
}

/**
 * Parses a POST of the round page by its `intent`: open / close / reopen (reason, optional new closesAt) / window
 * (name, opensAt, closesAt) / createLinks / revoke (linkId) / limits (linkId, cap, expiresAt) / quotas (fields
 * `quota.<id>` = planned respondents, whole numbers 0–100000).
 */
export function parseRoundAction(form: Record<string, unknown>): ParseResult<RoundPageAction> {
  const intent = typeof form.intent === "string" ? form.intent : "";
  switch (intent) {
    case "open":
    case "close":
    case "createLinks":
      return { ok: true, value: { intent } };
    case "reopen":
      return fromZod(
        z.object({
          reason: z.string({ required_error: "重新开放须填写原因" }).trim().min(1, "重新开放须填写原因").max(200, "原因不超过 200 个字符"),
          closesAt: optionalShanghaiDateTime("新的结束时间"),
        }),
        form,
        (v) => ({ intent, reason: v.reason, ...(v.closesAt ? { closesAt: v.closesAt } : {}) }),
      );
    case "window":
      return fromZod(RoundWindowSchema, form, (v) => ({ intent, ...v }));
    case "revoke":
      return fromZod(z.object({ linkId: idField("链接") }), form, (v) => ({ intent, linkId: v.linkId }));
    case "limits":
      return fromZod(LimitsSchema, form, (v) => ({ intent, ...v }));
    case "quotas": {
      const changes: { quotaId: string; planned: number }[] = [];
      const fieldErrors: Record<string, string> = {};
      for (const [key, raw] of Object.entries(form)) {
        if (!key.startsWith(QUOTA_FIELD_PREFIX)) continue;
        const quotaId = key.slice(QUOTA_FIELD_PREFIX.length);
        const text = typeof raw === "string" ? raw.trim() : "";
        const planned = Number(text);
        if (!ID_PATTERN.test(quotaId)) fieldErrors[key] = "抽样方案单元格无效";
        else if (text === "" || !Number.isInteger(planned) || planned < 0 || planned > MAX_PLANNED) fieldErrors[key] = `计划数应为 0 到 ${MAX_PLANNED} 之间的整数`;
        else changes.push({ quotaId, planned });
      }
      if (Object.keys(fieldErrors).length) return { ok: false, formError: Object.values(fieldErrors)[0], fieldErrors };
      if (changes.length === 0) return { ok: false, formError: "没有要保存的计划数", fieldErrors: {} };
      return { ok: true, value: { intent, changes } };
    }
    default:
      return { ok: false, formError: "不支持的操作", fieldErrors: {} };
  }
}

// ───────────────────────────── texts ─────────────────────────────

/** Who a link is for: a school's 社会卷 serves its 家长; the county-level 社会卷 serves 人大代表, 政协委员 and the public. */
export function linkAudience(family: Family, countyLevel: boolean): string {
  if (family === "social") return countyLevel ? "人大代表、政协委员及其他群众" : "学生家长";
  return FAMILY_LABELS[family].audience;
}

/** The place a link belongs to, as printed: the school's name, or "<county>（全旗县区）" for a county-level link. */
export function linkScopeName(countyName: string, schoolName: string | null | undefined): string {
  return schoolName ?? `${countyName}（全旗县区）`;
}

export interface WechatMessageInput {
  countyName: string;
  /** Null for the county-level 社会卷 link. */
  schoolName: string | null;
  familyTitle: string;
  /** Who answers (linkAudience); omitted → a general greeting. */
  audience?: string;
  url: string;
  closesAt: Date | string;
  /** Expected minutes (questionnaire metadata); default 3. */
  minutes?: number;
}

/**
 * The message a school or the bureau pastes into a WeChat group: what the survey is, for whom, that it is
 * anonymous and short, the link and the deadline (Asia/Shanghai). Neutral wording: it asks for honest answers and
 * never suggests what to answer (domain-spec §3.6 integrity note).
 */
export function wechatMessage(input: WechatMessageInput): string {
  const scope = linkScopeName(input.countyName, input.schoolName);
  const minutes = input.minutes ?? 3;
  return [
    `【${input.countyName}义务教育优质均衡发展社会认可度问卷调查】`,
    `${input.audience ? `各位${input.audience.replace(/及其他群众$/, "及社会各界朋友")}` : "各位朋友"}，您好！`,
    `${input.countyName}正在开展义务教育优质均衡发展社会认可度问卷调查，诚邀您参加。本问卷为${input.familyTitle}（${scope}），匿名填写，无需登录，约 ${minutes} 分钟，请根据您的真实感受作答。`,
    `填写链接：${input.url}`,
    `截止时间：${formatShanghaiLong(input.closesAt)}（北京时间）`,
    "感谢您的支持！",
  ].join("\n");
}

export interface PosterTextInput {
  countyName: string;
  schoolName: string | null;
  family: Family;
  url: string;
  opensAt: Date | string;
  closesAt: Date | string;
  minutes?: number;
}

export interface PosterText {
  heading: string;
  scope: string;
  questionnaire: string;
  audience: string;
  window: string;
  instruction: string;
  urlLabel: string;
  url: string;
  footer: string;
}

/** Every line printed on an A4 poster (the QR code itself is drawn by the caller). */
export function posterText(input: PosterTextInput): PosterText {
  const countyLevel = !input.schoolName;
  return {
    heading: `${input.countyName}义务教育优质均衡发展社会认可度调查`,
    scope: linkScopeName(input.countyName, input.schoolName),
    questionnaire: FAMILY_LABELS[input.family].title,
    audience: `适用对象：${linkAudience(input.family, countyLevel)}`,
    window: `调查时间：${formatShanghaiLong(input.opensAt)} 至 ${formatShanghaiLong(input.closesAt)}`,
    instruction: `微信扫一扫，匿名填写，约 ${input.minutes ?? 3} 分钟`,
    urlLabel: "无法扫码时，请在手机浏览器中打开：",
    url: input.url,
    footer: "问卷匿名填写，不需要登录，不收集姓名和联系方式。请根据您的真实感受作答。",
  };
}
