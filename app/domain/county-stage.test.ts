import { describe, expect, it } from "vitest";
import { planStatus, stageDateChanges } from "./county-stage";

const d = (s: string) => new Date(s);

describe("stageDateChanges", () => {
  it("sets the date of the stage reached and keeps earlier ones", () => {
    const out = stageDateChanges("city_review", { selfAssessmentAt: d("2024-03-01") }, d("2024-06-01"));
    expect(out).toEqual({
      selfAssessmentAt: d("2024-03-01"),
      cityReviewAt: d("2024-06-01"),
      provinceAssessmentAt: null,
      nationalRecognitionAt: null,
    });
  });
  it("moving back clears the dates of later stages", () => {
    const out = stageDateChanges(
      "self_assessment",
      { selfAssessmentAt: d("2024-03-01"), cityReviewAt: d("2024-06-01"), provinceAssessmentAt: d("2024-09-01") },
      d("2024-10-01"),
    );
    expect(out.selfAssessmentAt).toEqual(d("2024-10-01"));
    expect(out.cityReviewAt).toBeNull();
    expect(out.provinceAssessmentAt).toBeNull();
  });
  it("not_started clears every date", () => {
    const out = stageDateChanges("not_started", { selfAssessmentAt: d("2024-03-01") }, d("2024-10-01"));
    expect(Object.values(out).every((v) => v === null)).toBe(true);
  });
});

describe("planStatus", () => {
  it.each([
    ["national_recognition", 2022, 2026, "recognised"],
    ["city_review", 2025, 2026, "overdue"],
    ["self_assessment", 2026, 2026, "on_plan"],
    ["not_started", 2026, 2025, "on_plan"],
  ] as const)("%s, plan %i, now %i → %s", (stage, target, now, expected) => {
    expect(planStatus(stage, target, now)).toBe(expected);
  });
});
