/**
 * Small-cell suppression (product brief item 7): a breakdown cell built from fewer than `threshold` respondents
 * is shown as "样本不足" instead of numbers, so a principal cannot identify the teachers who rated them.
 *
 * Decisions:
 * - Default threshold 5 (product brief: "fewer than 5 respondents is not shown"). Configurable, but a threshold
 *   below 3 — or not an integer — is a configuration error (RecognitionError), not silently clamped: a silent
 *   clamp would hide a wrong setting from the admin who typed it.
 * - The count is the number of respondents whose answers make up the number shown (`result.respondents`, always
 *   ≤ `valid`): questionnaires answered only 不了解 do not protect anyone.
 * - Secondary suppression (default on): when exactly one non-empty cell of a table is suppressed, the total shown
 *   elsewhere minus the other cells would give it back, so the smallest other cell is suppressed too. The same
 *   holds inside any set of rows whose sum is shown elsewhere (`linkedTotals`: the groups of one questionnaire,
 *   added up by its item rows), and for a hidden row whose only answers are 不了解 (`hasData`).
 */
import { z } from "zod";
import type { BreakdownRow } from "./breakdowns";
import type { RespondentGroup } from "./types";
import { RecognitionError } from "./errors";

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;
export const MIN_SUPPRESSION_THRESHOLD = 3;
export const SUPPRESSED_LABEL = "样本不足" as const;

/** Setting schema (policy profile / round settings): integer ≥ 3, default 5. */
export const SuppressionThresholdSchema = z
  .number()
  .int("屏蔽阈值必须是整数")
  .min(MIN_SUPPRESSION_THRESHOLD, `屏蔽阈值不能低于 ${MIN_SUPPRESSION_THRESHOLD}`)
  .default(DEFAULT_SUPPRESSION_THRESHOLD);

export interface SuppressedCell {
  suppressed: true;
  label: typeof SUPPRESSED_LABEL;
}

export interface ShownCell<T> {
  suppressed: false;
  value: T;
}

export type Cell<T> = SuppressedCell | ShownCell<T>;

/**
 * Validates a suppression threshold (a respondent count; integer ≥ 3; undefined → 5). Throws RecognitionError
 * SUPPRESSION_THRESHOLD_TOO_LOW / SUPPRESSION_THRESHOLD_INVALID. No rounding.
 */
export function checkSuppressionThreshold(threshold: number = DEFAULT_SUPPRESSION_THRESHOLD): number {
  if (!Number.isInteger(threshold)) {
    throw new RecognitionError("SUPPRESSION_THRESHOLD_INVALID", `小样本屏蔽阈值必须是整数，当前为 ${threshold}`);
  }
  if (threshold < MIN_SUPPRESSION_THRESHOLD) {
    throw new RecognitionError(
      "SUPPRESSION_THRESHOLD_TOO_LOW",
      `小样本屏蔽阈值不能低于 ${MIN_SUPPRESSION_THRESHOLD}（当前为 ${threshold}），否则可能识别出答卷人`,
    );
  }
  return threshold;
}

/**
 * One cell: `value` when `count` (respondents, an integer) ≥ threshold, else { suppressed, "样本不足" }.
 * Units: count and threshold are respondent counts; no rounding.
 */
export function suppressCell<T>(value: T, count: number, threshold?: number): Cell<T> {
  const t = checkSuppressionThreshold(threshold);
  return count >= t ? { suppressed: false, value } : { suppressed: true, label: SUPPRESSED_LABEL };
}

export interface SuppressionOptions<R> {
  /** Respondent count ≥ 3; default 5. */
  threshold?: number;
  /** Respondent count of a row. Default for breakdown rows: `row.result.respondents`. */
  countOf?: (row: R) => number;
  /** Secondary suppression (see module comment). Default true. */
  secondary?: boolean;
  /**
   * Whether a primary-suppressed row holds anything a reader could get back as "shown total − shown rows" (decides
   * secondary suppression). Default: its count > 0. An answer distribution passes "any answer at all": a group
   * whose only answers to an item are 不了解 counts 0 respondents, yet its 不了解 count would be derivable.
   */
  hasData?: (row: R, count: number) => boolean;
  /**
   * Linked totals: sets of row keys whose combined numbers are shown elsewhere — e.g. the groups answering one
   * questionnaire, whose item and dimension rows add exactly them up (校长 + 教师 for the 校长教师卷). Within each
   * set the whole-table rule applies again: exactly one hidden row with data → the smallest shown row of the set
   * is hidden too (repeated until nothing changes, so overlapping sets are safe). Needs `secondary` (default on).
   */
  linkedTotals?: ReadonlyArray<ReadonlyArray<string>>;
}

export interface SuppressedRow<R> {
  key: string;
  /** Row label (group / school / area / dimension / item name) stays visible. */
  label: string;
  /** "primary" = too few respondents; "secondary" = hidden so a primary cell cannot be derived; null = shown. */
  suppressedBy: "primary" | "secondary" | null;
  cell: Cell<R>;
}

/**
 * Applies suppression to a table of rows (each with key and label), keeping row order.
 * Units: counts are respondents; no rounding. Throws RecognitionError for a threshold below 3 or not an integer.
 */
export function suppressRows<R extends { key: string; label: string }>(
  rows: readonly R[],
  options: SuppressionOptions<R> & { countOf: (row: R) => number },
): SuppressedRow<R>[] {
  const threshold = checkSuppressionThreshold(options.threshold);
  const counts = rows.map(options.countOf);
  const reason: Array<"primary" | "secondary" | null> = counts.map((n) => (n < threshold ? "primary" : null));

  const hasData = options.hasData ?? ((_row: R, n: number) => n > 0);
  /** Within `members` (row indexes): one hidden row with data and nothing else hidden → hide the smallest shown one. */
  const protect = (members: readonly number[], hidden: (i: number) => boolean): boolean => {
    if (members.filter((i) => hidden(i) && hasData(rows[i]!, counts[i]!)).length !== 1) return false;
    let smallest = -1;
    for (const i of members) if (reason[i] === null && (smallest === -1 || counts[i]! < counts[smallest]!)) smallest = i;
    if (smallest === -1) return false;
    reason[smallest] = "secondary";
    return true;
  };
  if (options.secondary ?? true) {
    // The whole table (its total is shown elsewhere): only primary cells count, as before linked totals existed.
    protect(rows.map((_, i) => i), (i) => reason[i] === "primary");
    const sets = (options.linkedTotals ?? []).map((keys) => rows.flatMap((row, i) => (keys.includes(row.key) ? [i] : [])));
    for (let changed = true; changed; ) {
      changed = false;
      for (const set of sets) changed = protect(set, (i) => reason[i] !== null) || changed;
    }
  }

  return rows.map((row, i) => ({
    key: row.key,
    label: row.label,
    suppressedBy: reason[i],
    cell: reason[i] === null ? { suppressed: false, value: row } : { suppressed: true, label: SUPPRESSED_LABEL },
  }));
}

/**
 * The respondent groups of each questionnaire family (社会卷, 校长教师卷, 学生卷 — domain-spec §3.2; checked against
 * the questionnaires' `scoring.groups` in suppression.test.ts). A family's item and dimension rows add up exactly
 * its groups, so each set is a linked total of any group table.
 */
export const QUESTIONNAIRE_GROUP_SETS: ReadonlyArray<readonly RespondentGroup[]> = [["parent", "deputy", "cppcc", "public"], ["principal", "teacher"], ["student"]];

/**
 * Suppression for breakdown rows (breakdowns.ts), counting `result.respondents`. Group rows get the questionnaire
 * families as linked totals unless `linkedTotals` is given (校长 alone hidden next to a shown 教师 would otherwise be
 * "校长教师卷 item row − 教师"). Units: counts are respondents; no rounding.
 */
export function suppressBreakdown<R extends BreakdownRow>(
  rows: readonly R[],
  options: SuppressionOptions<R> = {},
): SuppressedRow<R>[] {
  const linkedTotals = options.linkedTotals ?? (rows.some((r) => r.by === "group") ? QUESTIONNAIRE_GROUP_SETS : undefined);
  return suppressRows(rows, { ...options, linkedTotals, countOf: options.countOf ?? ((row) => row.result.respondents) });
}
