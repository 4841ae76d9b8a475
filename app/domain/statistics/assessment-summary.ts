/**
 * What the county and city pages show of a stored assessment: the verdict code, one status line per part and the
 * failing or missing items grouped by 责任科室 (the 整改清单 view). Pure, over the engine's CountyVerdict.
 */
import { z } from "zod";
import { worstStatus, type IndicatorResult, type ResultStatus } from "../assessment/indicator-result";
import type { CountyVerdict } from "../assessment/verdict";

/** Stored verdict code of an Assessment: 达到 / 未达到 / 未达到（数据缺失, nothing failing yet). */
export const VERDICT_CODES = ["pass", "fail", "incomplete"] as const;
export type VerdictCode = (typeof VERDICT_CODES)[number];
export const VERDICT_LABELS: Readonly<Record<VerdictCode, string>> = {
  pass: "达到",
  fail: "未达到",
  incomplete: "未达到（数据缺失）",
};

/** pass when achieved; fail when any item fails; incomplete when nothing fails but data are missing. */
export function verdictCode(verdict: Pick<CountyVerdict, "achieved" | "failing" | "missing">): VerdictCode {
  if (verdict.achieved) return "pass";
  return verdict.failing.length > 0 ? "fail" : "incomplete";
}

export type PartKey = "entry" | "resource" | "guarantee" | "quality" | "recognition" | "veto";
export const PART_LABELS: Readonly<Record<PartKey, string>> = {
  entry: "申请认定条件",
  resource: "资源配置",
  guarantee: "政府保障程度",
  quality: "教育质量",
  recognition: "社会认可度",
  veto: "一票否决",
};

export interface PartSummary {
  key: PartKey;
  label: string;
  status: ResultStatus;
  total: number;
  passed: number;
  failed: number;
  missing: number;
}

function summarize(key: PartKey, rows: readonly IndicatorResult[], status?: ResultStatus): PartSummary {
  return {
    key,
    label: PART_LABELS[key],
    status: status ?? worstStatus(rows.map((r) => r.status)),
    total: rows.length,
    passed: rows.filter((r) => r.status === "pass").length,
    failed: rows.filter((r) => r.status === "fail").length,
    missing: rows.filter((r) => r.status === "missing").length,
  };
}

/**
 * One line per part. 资源配置 counts schools (sections) and CV rows together; its status is the engine's
 * (数据缺失 when no school enters the calculation). Units: counts of items.
 */
export function partSummaries(v: CountyVerdict): PartSummary[] {
  return [
    summarize("entry", v.entry),
    summarize("resource", [...v.resource.schools, ...v.resource.balance], v.resource.status),
    summarize("guarantee", v.guarantee),
    summarize("quality", v.quality),
    summarize("recognition", [v.recognition]),
    summarize("veto", v.vetoes),
  ];
}

export interface SectionTask {
  section: string;
  items: { code: string; name: string; subject: string; status: ResultStatus }[];
}

/**
 * Failing and missing items grouped by 责任科室, sections in the order first met; an item owned by several
 * sections is listed under each. Items without a section go under "未指定科室". Units: none.
 */
export function tasksBySection(v: Pick<CountyVerdict, "failing" | "missing">): SectionTask[] {
  const groups = new Map<string, SectionTask["items"]>();
  for (const r of [...v.failing, ...v.missing]) {
    const sections = r.responsibleSections.length ? r.responsibleSections : ["未指定科室"];
    for (const section of sections) {
      const list = groups.get(section) ?? [];
      list.push({ code: r.code, name: r.name, subject: r.subject, status: r.status });
      groups.set(section, list);
    }
  }
  return [...groups.entries()].map(([section, items]) => ({ section, items }));
}

/** Version 1 of the stored Assessment.result JSON. */
export const STORED_RESULT_VERSION = 1 as const;

export const StoredSnapshotRefSchema = z.object({
  id: z.string(),
  kind: z.string(),
  version: z.number().int(),
  year: z.number().int(),
  fileName: z.string(),
  sha256: z.string(),
  /** When the snapshot was committed (ISO instant), for report provenance. */
  createdAt: z.string().optional(),
  createdByLogin: z.string().optional(),
  rowCount: z.number().int().optional(),
});
export type StoredSnapshotRef = z.infer<typeof StoredSnapshotRefSchema>;

export const StoredRecognitionSchema = z.object({
  /** round = computed from a closed survey round; manual = entered with a source note; none. */
  source: z.enum(["round", "manual", "none"]),
  score: z.number().min(0).max(100).nullable(),
  roundId: z.string().nullable(),
  roundName: z.string().nullable(),
  method: z.string().nullable(),
  note: z.string().nullable(),
  respondents: z.number().int().nullable(),
  warnings: z.array(z.string()),
});
export type StoredRecognition = z.infer<typeof StoredRecognitionSchema>;

/** The JSON kept in Assessment.result: the verdict plus every input named. */
export const StoredAssessmentSchema = z.object({
  version: z.literal(STORED_RESULT_VERSION),
  verdict: z.custom<CountyVerdict>((v) => typeof v === "object" && v !== null && "verdict" in v && "resource" in v, "评估结果格式不正确"),
  snapshots: z.array(StoredSnapshotRefSchema),
  policy: z.object({ id: z.string(), name: z.string(), version: z.number().int(), scope: z.enum(["national", "city"]) }),
  recognition: StoredRecognitionSchema,
  notes: z.array(z.string()),
});
export type StoredAssessment = z.infer<typeof StoredAssessmentSchema>;
