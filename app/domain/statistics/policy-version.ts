/**
 * A stored policy version (PolicyProfileVersion.profile): the engine's PolicyProfile (national thresholds + local
 * overrides that may only tighten, comparison/rounding, split weights, 教学点 threshold, 学历 level, Q9 subjects,
 * optional vetoes) plus the 社会认可度 counting setting this platform adds: which answer options count as 认可
 * when the assessment computes the recognition score of a survey round (domain-spec §3.4, §6.7 — an open question,
 * so a documented setting; default 非常认可 + 比较认可, as the questionnaires' own default).
 */
import { z } from "zod";
import { NATIONAL_THRESHOLDS, STAGE_LABELS, THRESHOLD_KEYS, type ThresholdKey } from "../reference/national-thresholds";
import {
  DEGREE_LEVEL_LABELS,
  effectiveThreshold,
  hohhotProfile,
  nationalProfile,
  PolicyProfileSchema,
  type PolicyProfile,
} from "../assessment/policy-profile";
import { VETO_ITEMS } from "../assessment/vetoes";

/** The allowed sets of counted options (scale values 5 非常认可 … 1 不认可; 不了解 never counts). */
export const COUNTED_OPTION_SETS = {
  top1: ["5"],
  top2: ["5", "4"],
  top3: ["5", "4", "3"],
} as const;
export type CountedOptionSet = keyof typeof COUNTED_OPTION_SETS;
export const COUNTED_OPTION_LABELS: Readonly<Record<CountedOptionSet, string>> = {
  top1: "仅“非常认可”",
  top2: "“非常认可”“比较认可”（默认）",
  top3: "“非常认可”“比较认可”“一般”",
};

export const RecognitionPolicySchema = z
  .object({
    countedOptions: z.enum(["top1", "top2", "top3"], { errorMap: () => ({ message: "计为认可的选项应为 top1、top2 或 top3" }) }).default("top2"),
  })
  .strict()
  .default({});
export type RecognitionPolicy = z.infer<typeof RecognitionPolicySchema>;

export interface StoredPolicy {
  profile: PolicyProfile;
  recognition: RecognitionPolicy;
}

/** Parses a stored policy JSON; throws a ZodError (Chinese messages for loosening overrides). */
export function parseStoredPolicy(json: unknown): StoredPolicy {
  const recognition = RecognitionPolicySchema.parse(typeof json === "object" && json !== null ? (json as { recognition?: unknown }).recognition : undefined);
  return { profile: PolicyProfileSchema.parse(json), recognition };
}

/** The JSON kept in PolicyProfileVersion.profile. */
export function serializePolicy(policy: StoredPolicy): string {
  return JSON.stringify({ ...policy.profile, recognition: policy.recognition });
}

/** Scale value → credit overrides for resolveCredits (app/domain/survey/questionnaire.ts). */
export function creditOverrides(recognition: RecognitionPolicy): Record<string, "positive" | "negative"> {
  const counted = new Set<string>(COUNTED_OPTION_SETS[recognition.countedOptions]);
  return Object.fromEntries(["5", "4", "3", "2", "1"].map((v) => [v, counted.has(v) ? "positive" : "negative"]));
}

/** Built-in versions: the national profile, and Hohhot's (责任清单第21项: 名额分配 ≥ 60%). */
export const BUILT_IN_POLICIES = {
  national: { profile: nationalProfile, recognition: RecognitionPolicySchema.parse({}) },
  hohhot: { profile: hohhotProfile, recognition: RecognitionPolicySchema.parse({}) },
} satisfies Record<string, StoredPolicy>;

const FIELD_LABELS: Record<string, string> = {
  name: "方案名称",
  overrides: "地方标准",
  comparison: "比较与取整",
  "comparison.mode": "比较方式",
  "comparison.decimals": "取整位数",
  "comparison.displayDecimals": "显示小数位数",
  splitWeights: "一贯制拆分权重",
  teachingPoint: "教学点",
  "teachingPoint.minStudents": "教学点人数下限",
  "teachingPoint.mode": "教学点处理方式",
  qualifiedDegree: "高于规定学历",
  q9Subjects: "质量监测相关科目",
  additionalVetoes: "增加的一票否决项",
  recognition: "社会认可度口径",
  "recognition.countedOptions": "计为认可的选项",
};

function pathLabel(path: (string | number)[]): string {
  const key = path.join(".");
  if (path[0] === "overrides" && typeof path[1] === "string") {
    const t = NATIONAL_THRESHOLDS[path[1] as ThresholdKey];
    return t ? `地方标准 ${t.code} ${t.label}${t.stage ? `（${STAGE_LABELS[t.stage]}）` : ""}` : `地方标准「${path[1]}」`;
  }
  if (path[0] === "splitWeights") return `一贯制拆分权重 ${path.slice(1).join(".")}`;
  return FIELD_LABELS[key] ?? (key || "方案");
}

/** zod issues of a policy → Chinese lines ("比较方式：…"). */
export function describePolicyIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = pathLabel(issue.path);
    if (/[\u4e00-\u9fff]/.test(issue.message)) return issue.code === "custom" && issue.path[0] === "overrides" ? issue.message : `${where}：${issue.message}`;
    switch (issue.code) {
      case "invalid_type":
        return issue.received === "undefined" ? `${where}：必须填写` : `${where}：类型不正确（应为${issue.expected === "number" ? "数字" : issue.expected === "string" ? "文本" : issue.expected === "array" ? "列表" : issue.expected === "object" ? "对象" : issue.expected}）`;
      case "invalid_enum_value":
        return `${where}：取值应为 ${issue.options.join("、")} 之一`;
      case "unrecognized_keys":
        return `${where}：不认识的设置项 ${issue.keys.join("、")}（阈值键见下方标准表）`;
      case "too_small":
        return `${where}：不能小于 ${issue.minimum}`;
      case "too_big":
        return `${where}：不能大于 ${issue.maximum}`;
      default:
        return `${where}：填写不正确`;
    }
  });
}

const POLICY_KEYS = ["name", "overrides", "comparison", "splitWeights", "teachingPoint", "qualifiedDegree", "q9Subjects", "additionalVetoes", "recognition"];

export type PolicyInputResult = { ok: true; policy: StoredPolicy } | { ok: false; errors: string[] };

/**
 * A policy typed by a city admin as JSON. Refuses invalid JSON, unknown threshold keys, wrong types and any
 * override that loosens a national threshold (overrideProblem's Chinese message), with Chinese lines.
 */
export function parsePolicyInput(text: string): PolicyInputResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`不是有效的 JSON：${e instanceof SyntaxError ? e.message.replace(/^.*?:\s*/, "") : "无法解析"}。请检查引号、逗号和括号。`] };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { ok: false, errors: ["政策配置应为一个 JSON 对象（以 { 开头）。"] };
  const unknownKeys = Object.keys(json).filter((k) => !POLICY_KEYS.includes(k));
  if (unknownKeys.length) return { ok: false, errors: [`无法识别的设置项：${unknownKeys.join("、")}。可用的设置项：${POLICY_KEYS.join("、")}。`] };
  const overrides = (json as { overrides?: unknown }).overrides;
  if (overrides && typeof overrides === "object") {
    const unknown = Object.keys(overrides).filter((k) => !(THRESHOLD_KEYS as string[]).includes(k));
    if (unknown.length) return { ok: false, errors: [`地方标准中有无法识别的阈值键：${unknown.join("、")}。可用的键见下方“国家标准与本方案标准”表。`] };
  }
  const profile = PolicyProfileSchema.safeParse(json);
  const recognition = RecognitionPolicySchema.safeParse((json as { recognition?: unknown }).recognition);
  const errors = [...(profile.success ? [] : describePolicyIssues(profile.error)), ...(recognition.success ? [] : describePolicyIssues(new z.ZodError(recognition.error.issues.map((i) => ({ ...i, path: ["recognition", ...i.path] })))))];
  if (!profile.success || !recognition.success) return { ok: false, errors };
  return { ok: true, policy: { profile: profile.data, recognition: recognition.data } };
}

export interface ThresholdRow {
  key: ThresholdKey;
  code: string;
  label: string;
  stage: string;
  unit: string;
  comparison: string;
  national: number;
  effective: number;
  basis: string | null;
}

/** Every threshold: national value and the value under the profile (with the local basis). */
export function thresholdRows(profile: PolicyProfile): ThresholdRow[] {
  return THRESHOLD_KEYS.map((key) => {
    const t = effectiveThreshold(profile, key);
    return {
      key,
      code: t.code,
      label: t.label,
      stage: t.stage ? STAGE_LABELS[t.stage] : "",
      unit: t.unit,
      comparison: { gte: "≥", lte: "≤", lt: "<", eq100: "=" }[t.comparison],
      national: t.nationalValue,
      effective: t.value,
      basis: t.localBasis ?? null,
    };
  });
}

/** The documented settings of a policy, as label/value lines in Chinese. */
export function describePolicySettings(policy: StoredPolicy): { label: string; value: string }[] {
  const p = policy.profile;
  const w = p.splitWeights;
  return [
    { label: "比较与取整", value: p.comparison.mode === "unrounded" ? `按未取整的值比较（显示 ${p.comparison.displayDecimals} 位小数）` : `先四舍五入到 ${p.comparison.decimals} 位小数再比较（显示 ${p.comparison.displayDecimals} 位）` },
    { label: "一贯制拆分权重", value: `九年一贯制 小学:初中 = ${w.nineYear.primary}:${w.nineYear.junior}；完全中学 初中:高中 = ${w.completeSecondary.junior}:${w.completeSecondary.senior}；十二年一贯制 小学:初中:高中 = ${w.twelveYear.primary}:${w.twelveYear.junior}:${w.twelveYear.senior}` },
    { label: "教学点", value: `学生数不足 ${p.teachingPoint.minStudents} 人的教学点${p.teachingPoint.mode === "exclude" ? "不参与资源配置指标计算" : "并入所属中心校计算"}` },
    { label: "高于规定学历", value: `小学 ${DEGREE_LEVEL_LABELS[p.qualifiedDegree.primary]}，初中 ${DEGREE_LEVEL_LABELS[p.qualifiedDegree.junior]}` },
    { label: "质量监测相关科目", value: p.q9Subjects.length ? p.q9Subjects.join("、") : "导入的全部科目" },
    { label: "增加的一票否决项", value: p.additionalVetoes.length ? p.additionalVetoes.map((c) => `${c} ${VETO_ITEMS[c]}`).join("；") : "无（X1–X4）" },
    { label: "社会认可度计为认可的选项", value: COUNTED_OPTION_LABELS[policy.recognition.countedOptions] },
    { label: "地方从严标准", value: Object.keys(p.overrides).length ? `${Object.keys(p.overrides).length} 项（见标准表）` : "无" },
  ];
}
