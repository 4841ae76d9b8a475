/**
 * Data-quality flags raised when a response is submitted. A flag sends the response to the review queue with a
 * reason; it never rejects it (shared school Wi-Fi, family phones and honest "all 非常认可" answers are common).
 */

export const QUALITY_FLAG_CODES = ["tooFast", "straightLining", "burst", "repeatDevice"] as const;
export type QualityFlagCode = (typeof QUALITY_FLAG_CODES)[number];
export type QualityFlag = { code: QualityFlagCode; reason: string };

export type QualityOptions = {
  /** Too fast below this fraction of the reference duration (default 1/3). */
  tooFastFraction: number;
  /** Too fast below this many seconds whatever the reference (default 20). */
  absoluteFloorSeconds: number;
  /** The median replaces the expected duration once it rests on this many responses (default 30). */
  minMedianSampleSize: number;
  /** Straight-lining needs at least this many answered scored items (default 8). */
  straightLiningMinItems: number;
  /** Burst window in minutes, either side of this submission (default 10). */
  burstWindowMinutes: number;
  /** Burst when at least this many earlier submissions from the same link have the same fingerprint (default 2). */
  burstMinMatches: number;
  /** Repeat device when the device already has at least this many submissions (default 1). */
  repeatDeviceThreshold: number;
};

export const DEFAULT_QUALITY_OPTIONS: QualityOptions = {
  tooFastFraction: 1 / 3,
  absoluteFloorSeconds: 20,
  minMedianSampleSize: 30,
  straightLiningMinItems: 8,
  burstWindowMinutes: 10,
  burstMinMatches: 2,
  repeatDeviceThreshold: 1,
};

export type DurationInput = {
  /** Server-measured seconds from opening the questionnaire to submitting; null when unknown (no flag). */
  durationSeconds: number | null;
  /** The questionnaire's expected duration in seconds (estimatedMinutes × 60). */
  expectedSeconds: number;
  /** Median duration (seconds) of this questionnaire version in this round, with the number of responses. */
  median?: { seconds: number; sampleSize: number } | null;
};

/**
 * Too fast: duration < max(absoluteFloorSeconds, fraction × reference), where the reference is the median once it
 * rests on ≥ minMedianSampleSize responses, else the expected duration. Seconds; the threshold is rounded to whole
 * seconds (half up) only in the message, not in the comparison.
 */
export function checkTooFast(input: DurationInput, options: Partial<QualityOptions> = {}): QualityFlag | null {
  const o = { ...DEFAULT_QUALITY_OPTIONS, ...options };
  const d = input.durationSeconds;
  if (d === null || !Number.isFinite(d) || d < 0) return null;
  const useMedian = !!input.median && input.median.sampleSize >= o.minMedianSampleSize && input.median.seconds > 0;
  const reference = useMedian ? input.median!.seconds : input.expectedSeconds;
  const relative = o.tooFastFraction * reference;
  const threshold = Math.max(o.absoluteFloorSeconds, relative);
  if (!(d < threshold)) return null;
  const used = Math.round(d);
  const reason =
    relative >= o.absoluteFloorSeconds
      ? `答题用时 ${used} 秒，低于${useMedian ? "本问卷答题用时中位数" : "本问卷预计用时"}（${Math.round(reference)} 秒）的 ${formatFraction(o.tooFastFraction)}（${Math.round(relative)} 秒）`
      : `答题用时 ${used} 秒，低于最短合理用时 ${Math.round(o.absoluteFloorSeconds)} 秒`;
  return { code: "tooFast", reason };
}

/**
 * Straight-lining: every answered scored item has the same value (including all 不了解), with at least
 * straightLiningMinItems answered. Counts items; no rounding.
 */
export function checkStraightLining(
  scoredAnswers: ReadonlyArray<string | number | null | undefined>,
  options: Partial<QualityOptions> = {},
): QualityFlag | null {
  const o = { ...DEFAULT_QUALITY_OPTIONS, ...options };
  const answered = scoredAnswers.filter((a): a is string | number => a !== null && a !== undefined && a !== "");
  if (answered.length < o.straightLiningMinItems) return null;
  if (answered.some((a) => a !== answered[0])) return null;
  return { code: "straightLining", reason: `全部 ${answered.length} 道评价题选择了同一选项` };
}

export type RecentSubmission = { fingerprint: string; submittedAtMs: number };

/**
 * Burst: at least burstMinMatches earlier submissions from the same link carry the same answer fingerprint within
 * burstWindowMinutes (absolute time difference, milliseconds compared exactly).
 */
export function checkBurst(
  fingerprint: string,
  submittedAtMs: number,
  recentFromSameLink: readonly RecentSubmission[],
  options: Partial<QualityOptions> = {},
): QualityFlag | null {
  const o = { ...DEFAULT_QUALITY_OPTIONS, ...options };
  const windowMs = o.burstWindowMinutes * 60_000;
  const matches = recentFromSameLink.filter(
    (r) => r.fingerprint === fingerprint && Math.abs(submittedAtMs - r.submittedAtMs) <= windowMs,
  ).length;
  if (matches < o.burstMinMatches) return null;
  return {
    code: "burst",
    reason: `同一二维码在 ${formatNumber(o.burstWindowMinutes)} 分钟内已有 ${matches} 份与本份选项完全相同的答卷`,
  };
}

/**
 * Repeat device: the device token already has ≥ repeatDeviceThreshold submissions in this round. Counts
 * submissions; null/0 when the device is unknown (no token) gives no flag.
 */
export function checkRepeatDevice(
  priorSubmissionsFromDevice: number | null,
  options: Partial<QualityOptions> = {},
): QualityFlag | null {
  const o = { ...DEFAULT_QUALITY_OPTIONS, ...options };
  const n = priorSubmissionsFromDevice ?? 0;
  if (!Number.isFinite(n) || n < o.repeatDeviceThreshold) return null;
  return { code: "repeatDevice", reason: `该设备在本轮调查中此前已提交 ${n} 份答卷` };
}

export type QualityCheckInput = DurationInput & {
  /** Answers to the scored items, in item order. */
  scoredAnswers: ReadonlyArray<string | number | null | undefined>;
  /** answerFingerprint(...) of this submission. */
  fingerprint: string;
  /** Submission time, epoch milliseconds. */
  submittedAtMs: number;
  /** Earlier submissions from the same QR link (the caller chooses how far back; the window is applied here). */
  recentFromSameLink: readonly RecentSubmission[];
  /** Earlier submissions in this round from the same device token; null when there is no token. */
  priorSubmissionsFromDevice: number | null;
};

/**
 * All flags for one submission, in the order tooFast, straightLining, burst, repeatDevice. Units as in the
 * individual checks (seconds, items, minutes/milliseconds, submissions).
 */
export function detectQualityFlags(input: QualityCheckInput, options: Partial<QualityOptions> = {}): QualityFlag[] {
  return [
    checkTooFast(input, options),
    checkStraightLining(input.scoredAnswers, options),
    checkBurst(input.fingerprint, input.submittedAtMs, input.recentFromSameLink, options),
    checkRepeatDevice(input.priorSubmissionsFromDevice, options),
  ].filter((f): f is QualityFlag => f !== null);
}

/**
 * Median of a list of durations (or any numbers); mean of the two middle values for an even count; null when
 * empty. Non-finite values are ignored. Same unit as the input; no rounding.
 */
export function median(values: readonly number[]): number | null {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function formatFraction(f: number): string {
  for (const d of [2, 3, 4, 5, 10]) {
    const n = Math.round(f * d);
    if (n > 0 && Math.abs(n / d - f) < 1e-9) return n === 1 ? `1/${d}` : `${n}/${d}`;
  }
  return `${formatNumber(Math.round(f * 100))}%`;
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
