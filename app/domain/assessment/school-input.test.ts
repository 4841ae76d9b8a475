import { describe, expect, it } from "vitest";
import { compulsoryStagesOf } from "./school-input";

describe("compulsoryStagesOf", () => {
  it.each([
    ["primary", ["primary"]],
    ["teaching_point", ["primary"]],
    ["junior", ["junior"]],
    ["complete_secondary", ["junior"]],
    ["nine_year", ["primary", "junior"]],
    ["twelve_year", ["primary", "junior"]],
    ["special", []],
    ["vocational", []],
  ] as const)("%s → %j", (kind, stages) => {
    expect(compulsoryStagesOf(kind)).toEqual(stages);
  });
});
