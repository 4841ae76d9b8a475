import { describe, expect, it } from "vitest";
import { JOB_STALE_MS, JOB_TTL_MS, jobPercent, jobStatusAt, shouldWriteProgress, type JobKind, type JobState } from "./background-job";

const NOW = 1_700_000_000_000;
const MIN = 60_000;

describe("jobStatusAt", () => {
  it.each<[string, JobKind, JobState, number, string]>([
    ["fresh running batch", "report-batch", "running", 0, "live"],
    ["running batch updated exactly 5 min ago", "report-batch", "running", 5 * MIN, "live"],
    ["running batch silent just over 5 min: its process died", "report-batch", "running", 5 * MIN + 1, "interrupted"],
    ["finished batch 29 min old", "report-batch", "done", 29 * MIN, "live"],
    ["finished batch exactly 30 min old", "report-batch", "done", 30 * MIN, "live"],
    ["finished batch just over 30 min old", "report-batch", "done", 30 * MIN + 1, "expired"],
    ["dead running batch past its TTL", "report-batch", "running", 31 * MIN, "expired"],
    ["failed import 9 min old", "statistics-import", "failed", 9 * MIN, "live"],
    ["done import just over 10 min old", "statistics-import", "done", 10 * MIN + 1, "expired"],
    ["running import silent 6 min", "statistics-import", "running", 6 * MIN, "interrupted"],
  ])("%s", (_name, kind, state, age, expected) => {
    expect(jobStatusAt({ kind, state, updatedAt: NOW - age }, NOW)).toBe(expected);
  });
  it("the numbers: 30 min for a batch, 10 min for an import's progress, dead after 5 min", () => {
    expect(JOB_TTL_MS).toEqual({ "report-batch": 30 * MIN, "statistics-import": 10 * MIN });
    expect(JOB_STALE_MS).toBe(5 * MIN);
  });
});

describe("shouldWriteProgress", () => {
  it.each<[string, number | null, number, boolean, boolean]>([
    ["first write", null, NOW, false, true],
    ["199 ms after the last", NOW - 199, NOW, false, false],
    ["200 ms after the last", NOW - 200, NOW, false, true],
    ["a phase change at once", NOW - 1, NOW, true, true],
  ])("%s", (_name, last, now, phaseChanged, expected) => {
    expect(shouldWriteProgress(last, now, phaseChanged)).toBe(expected);
  });
});

describe("jobPercent", () => {
  it.each([
    [0, 0, 0],
    [0, 3, 0],
    [1, 3, 33],
    [2, 3, 67],
    [3, 3, 100],
    [4, 3, 100],
  ])("%i of %i → %i %%", (done, total, pct) => {
    expect(jobPercent(done, total)).toBe(pct);
  });
});
