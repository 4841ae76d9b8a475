/**
 * PolicyProfile: the national thresholds plus the local choices of domain-spec §6 that an assessment runs
 * under. Stored as JSON (parse it with PolicyProfileSchema on read and on write).
 *
 * Local threshold overrides may ONLY tighten a national value (domain-spec §6.2): raising a "≥" bar,
 * lowering a "≤"/"<" bar. A loosening override is a validation error with a Chinese message.
 */
import { z } from "zod";
import {
  NATIONAL_THRESHOLDS,
  THRESHOLD_KEYS,
  type Stage,
  type Threshold,
  type ThresholdKey,
} from "../reference/national-thresholds";

/** 学历 levels counted as "高于规定学历" (domain-spec §2.8). */
export const DEGREE_LEVELS = ["associate", "bachelor", "postgraduate"] as const;
export type DegreeLevel = (typeof DEGREE_LEVELS)[number];
export const DEGREE_LEVEL_LABELS: Readonly<Record<DegreeLevel, string>> = {
  associate: "专科及以上",
  bachelor: "本科及以上",
  postgraduate: "研究生",
};

/** Veto items beyond the Hohhot four that a profile may switch on (domain-spec §1.5, [M] uncertain). */
export const OPTIONAL_VETO_CODES = ["X6", "X7"] as const;
export type OptionalVetoCode = (typeof OPTIONAL_VETO_CODES)[number];

const thresholdKeySchema = z.enum(THRESHOLD_KEYS as [ThresholdKey, ...ThresholdKey[]]);
const positive = z.number().finite().positive();

export const ThresholdOverrideSchema = z.object({
  value: z.number().finite(),
  /** 依据, e.g. "呼和浩特市责任清单第21项". */
  basis: z.string().min(1, "请填写地方标准的依据"),
});

export const PolicyProfileSchema = z
  .object({
    name: z.string().min(1, "请填写方案名称"),
    /** Local thresholds that tighten the national ones, keyed by national-thresholds key. */
    overrides: z.record(thresholdKeySchema, ThresholdOverrideSchema).default({}),
    /**
     * 比较与取整 (§6.5): compare unrounded values (default), or round the value to `decimals` first
     * (half up). `displayDecimals` is for showing values only.
     */
    comparison: z
      .object({
        mode: z.enum(["unrounded", "rounded"]).default("unrounded"),
        decimals: z.number().int().min(0).max(6).default(2),
        displayDecimals: z.number().int().min(0).max(6).default(2),
      })
      .default({}),
    /** 一贯制/完全中学 shared-resource split weights per student (§2.7, S11). */
    splitWeights: z
      .object({
        nineYear: z.object({ primary: positive, junior: positive }).default({ primary: 1, junior: 1.1 }),
        completeSecondary: z.object({ junior: positive, senior: positive }).default({ junior: 1, senior: 1.2 }),
        twelveYear: z
          .object({ primary: positive, junior: positive, senior: positive })
          .default({ primary: 1, junior: 1.1, senior: 1.32 }),
      })
      .default({}),
    /** 教学点 below `minStudents` are excluded from R1–R7, or merged into their central school (§2.6). */
    teachingPoint: z
      .object({
        minStudents: z.number().int().min(0).default(50),
        mode: z.enum(["exclude", "merge-into-central-school"]).default("exclude"),
      })
      .default({}),
    /** Lowest 学历 counted as 高于规定学历, per 学段 (§2.8). */
    qualifiedDegree: z
      .object({
        primary: z.enum(DEGREE_LEVELS).default("associate"),
        junior: z.enum(DEGREE_LEVELS).default("bachelor"),
      })
      .default({}),
    /**
     * Q9 相关科目. Empty = every subject present in the imported monitoring report; otherwise each listed
     * subject must be present (a listed subject without data is 数据缺失).
     */
    q9Subjects: z.array(z.string().min(1)).default([]),
    /** Extra veto items switched on locally (X6 重大安全责任事故/严重违纪违规, X7 弄虚作假). */
    additionalVetoes: z.array(z.enum(OPTIONAL_VETO_CODES)).default([]),
  })
  .superRefine((profile, ctx) => {
    for (const [key, override] of Object.entries(profile.overrides)) {
      if (!override) continue;
      const message = overrideProblem(key as ThresholdKey, override.value);
      if (message) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["overrides", key, "value"], message });
    }
  });

export type PolicyProfile = z.infer<typeof PolicyProfileSchema>;
export type PolicyProfileInput = z.input<typeof PolicyProfileSchema>;

/**
 * Why a local value for a threshold is not allowed, in Chinese; null when it is allowed (equal or tighter).
 * Units: the threshold's own unit.
 */
export function overrideProblem(key: ThresholdKey, value: number): string | null {
  const national = NATIONAL_THRESHOLDS[key];
  const label = `${national.code} ${national.label}`;
  const shown = `${value}${national.unit}`;
  const nationalShown = `${national.value}${national.unit}`;
  switch (national.comparison) {
    case "gte":
      return value < national.value ? `${label}：地方标准 ${shown} 低于国家标准 ${nationalShown}，地方标准只能从严，不能放宽。` : null;
    case "lte":
    case "lt":
      return value > national.value ? `${label}：地方标准 ${shown} 高于国家标准 ${nationalShown}，地方标准只能从严，不能放宽。` : null;
    case "eq100":
      return value !== national.value ? `${label}：国家标准为 ${nationalShown}，不能修改。` : null;
  }
}

/** Parse a stored profile; throws a ZodError (with Chinese messages for loosening overrides) when invalid. Units: as stored. */
export function parsePolicyProfile(json: unknown): PolicyProfile {
  return PolicyProfileSchema.parse(json);
}

/** The national profile: every default of domain-spec §6, no overrides. */
export const nationalProfile: PolicyProfile = parsePolicyProfile({ name: "国家标准（教督〔2017〕6号）" });

/** Hohhot: national defaults, with 优质高中招生名额分配比例 tightened to 60% (责任清单第21项). */
export const hohhotProfile: PolicyProfile = parsePolicyProfile({
  name: "呼和浩特市",
  overrides: { "G14.allocation": { value: 60, basis: "呼和浩特市责任清单第21项：不低于60%" } },
});

export interface EffectiveThreshold extends Threshold {
  key: ThresholdKey;
  nationalValue: number;
  /** Set when a local override replaced the national value. */
  localBasis?: string;
}

/** The threshold an assessment uses: the local override when present, else the national value. Unit: threshold.unit. */
export function effectiveThreshold(profile: PolicyProfile, key: ThresholdKey): EffectiveThreshold {
  const national: Threshold = NATIONAL_THRESHOLDS[key];
  const override = profile.overrides[key];
  return override
    ? { ...national, key, value: override.value, nationalValue: national.value, localBasis: override.basis }
    : { ...national, key, nationalValue: national.value };
}

/** Shorthand for effectiveThreshold(profile, key).value. Unit: that threshold's unit. */
export function thresholdValue(profile: PolicyProfile, key: ThresholdKey): number {
  return effectiveThreshold(profile, key).value;
}

/** The lowest 学历 counted as 高于规定学历 for a 学段, with its Chinese label. Units: none. */
export function qualifiedDegreeFor(profile: PolicyProfile, stage: Stage): { level: DegreeLevel; label: string } {
  const level = profile.qualifiedDegree[stage];
  return { level, label: DEGREE_LEVEL_LABELS[level] };
}
