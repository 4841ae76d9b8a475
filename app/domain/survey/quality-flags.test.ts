import { describe, expect, it } from "vitest";
import {
  checkBurst,
  checkRepeatDevice,
  checkStraightLining,
  checkTooFast,
  detectQualityFlags,
  median,
  type QualityCheckInput,
} from "./quality-flags";

const EXPECTED = 180; // 3 minutes

describe("checkTooFast", () => {
  it.each([
    // duration, median, expected code or null, reason
    [59, null, "答题用时 59 秒，低于本问卷预计用时（180 秒）的 1/3（60 秒）"],
    [60, null, null], // exactly at the threshold is not too fast
    [61, null, null],
    [39, { seconds: 120, sampleSize: 30 }, "答题用时 39 秒，低于本问卷答题用时中位数（120 秒）的 1/3（40 秒）"],
    [40, { seconds: 120, sampleSize: 30 }, null],
    [59, { seconds: 120, sampleSize: 30 }, null], // the median (once reliable) replaces the expected duration
    [59, { seconds: 120, sampleSize: 29 }, "答题用时 59 秒，低于本问卷预计用时（180 秒）的 1/3（60 秒）"], // too few for a median
    [19, { seconds: 45, sampleSize: 100 }, "答题用时 19 秒，低于最短合理用时 20 秒"], // 1/3 × 45 = 15 < floor 20
    [20, { seconds: 45, sampleSize: 100 }, null],
    [0, null, "答题用时 0 秒，低于本问卷预计用时（180 秒）的 1/3（60 秒）"],
    [null, null, null], // unknown duration: no judgement
    [Number.NaN, null, null],
    [-5, null, null], // clock trouble: no judgement
  ])("%s s with median %o", (duration, med, reason) => {
    const flag = checkTooFast({ durationSeconds: duration, expectedSeconds: EXPECTED, median: med });
    expect(flag).toEqual(reason === null ? null : { code: "tooFast", reason });
  });

  it("takes a custom fraction and floor", () => {
    expect(checkTooFast({ durationSeconds: 80, expectedSeconds: 180 }, { tooFastFraction: 0.5 })).toEqual({
      code: "tooFast",
      reason: "答题用时 80 秒，低于本问卷预计用时（180 秒）的 1/2（90 秒）",
    });
    expect(checkTooFast({ durationSeconds: 25, expectedSeconds: 30 }, { absoluteFloorSeconds: 30 })).toEqual({
      code: "tooFast",
      reason: "答题用时 25 秒，低于最短合理用时 30 秒",
    });
  });
});

describe("checkStraightLining", () => {
  it.each([
    [[5, 5, 5, 5, 5, 5, 5, 5, 5, 5], "全部 10 道评价题选择了同一选项"],
    [["dk", "dk", "dk", "dk", "dk", "dk", "dk", "dk"], "全部 8 道评价题选择了同一选项"],
    [[5, 5, 5, 5, 5, 5, 5, 5, 5, 4], null],
    [[5, 5, 5, 5, 5, 5, 5], null], // 7 < 8 items
    [[5, 5, 5, 5, 5, 5, 5, null, undefined, ""], null], // unanswered items don't count
    [[], null],
    [[5, "5", 5, 5, 5, 5, 5, 5], null], // strict comparison
  ])("%j", (answers, reason) => {
    expect(checkStraightLining(answers)).toEqual(reason === null ? null : { code: "straightLining", reason });
  });

  it("respects a custom minimum", () => {
    expect(checkStraightLining([3, 3, 3], { straightLiningMinItems: 3 })?.code).toBe("straightLining");
  });
});

describe("checkBurst", () => {
  const now = Date.UTC(2026, 8, 19, 2, 0, 0);
  const min = 60_000;
  const same = (offsetMinutes: number) => ({ fingerprint: "A", submittedAtMs: now + offsetMinutes * min });
  const other = (offsetMinutes: number) => ({ fingerprint: "B", submittedAtMs: now + offsetMinutes * min });

  it.each([
    ["two identical within 10 minutes", [same(-1), same(-9)], "同一二维码在 10 分钟内已有 2 份与本份选项完全相同的答卷"],
    ["exactly at the window edge", [same(-10), same(-5)], "同一二维码在 10 分钟内已有 2 份与本份选项完全相同的答卷"],
    ["one just outside the window", [same(-10.001), same(-5)], null],
    ["only one identical", [same(-1), other(-1), other(-2)], null],
    ["a concurrent one (slightly later clock)", [same(0.5), same(-3)], "同一二维码在 10 分钟内已有 2 份与本份选项完全相同的答卷"],
    ["none", [], null],
    ["three identical", [same(-1), same(-2), same(-3)], "同一二维码在 10 分钟内已有 3 份与本份选项完全相同的答卷"],
  ])("%s", (_label, recent, reason) => {
    expect(checkBurst("A", now, recent)).toEqual(reason === null ? null : { code: "burst", reason });
  });

  it("respects custom window and count", () => {
    expect(checkBurst("A", now, [same(-25)], { burstWindowMinutes: 30, burstMinMatches: 1 })).toEqual({
      code: "burst",
      reason: "同一二维码在 30 分钟内已有 1 份与本份选项完全相同的答卷",
    });
  });
});

describe("checkRepeatDevice", () => {
  it.each([
    [null, null],
    [0, null],
    [1, "该设备在本轮调查中此前已提交 1 份答卷"],
    [3, "该设备在本轮调查中此前已提交 3 份答卷"],
  ])("%s earlier submissions", (n, reason) => {
    expect(checkRepeatDevice(n)).toEqual(reason === null ? null : { code: "repeatDevice", reason });
  });

  it("allows a family phone to submit twice when configured", () => {
    expect(checkRepeatDevice(1, { repeatDeviceThreshold: 2 })).toBeNull();
    expect(checkRepeatDevice(2, { repeatDeviceThreshold: 2 })?.code).toBe("repeatDevice");
  });
});

describe("detectQualityFlags", () => {
  const clean: QualityCheckInput = {
    durationSeconds: 150,
    expectedSeconds: EXPECTED,
    median: null,
    scoredAnswers: [5, 4, 4, 5, 3, 4, 5, "dk", 4, 4],
    fingerprint: "A",
    submittedAtMs: 1_000_000_000,
    recentFromSameLink: [],
    priorSubmissionsFromDevice: 0,
  };

  it("raises nothing for an ordinary response", () => {
    expect(detectQualityFlags(clean)).toEqual([]);
  });

  it("raises every flag, in a fixed order", () => {
    const flags = detectQualityFlags({
      ...clean,
      durationSeconds: 12,
      scoredAnswers: Array(10).fill(5),
      recentFromSameLink: [
        { fingerprint: "A", submittedAtMs: 1_000_000_000 - 60_000 },
        { fingerprint: "A", submittedAtMs: 1_000_000_000 - 120_000 },
      ],
      priorSubmissionsFromDevice: 2,
    });
    expect(flags.map((f) => f.code)).toEqual(["tooFast", "straightLining", "burst", "repeatDevice"]);
    expect(flags[0].reason).toBe("答题用时 12 秒，低于本问卷预计用时（180 秒）的 1/3（60 秒）");
  });
});

describe("median", () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[5, Number.NaN, 1, Number.POSITIVE_INFINITY], 3],
  ])("%j → %s", (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it("does not reorder its input", () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
