import { describe, expect, it } from "vitest";
import { familyOf, LATEST_BY_FAMILY, questionnaireValidator, surveyJsonFor } from "./registry";

describe("questionnaire registry", () => {
  it("knows the three families and their latest versions", () => {
    expect(LATEST_BY_FAMILY).toEqual({ social: "social.v1", staff: "staff.v1", student: "student.v1" });
    expect(familyOf("staff.v1")).toBe("staff");
    expect(familyOf("staff.v9")).toBeNull();
    expect(familyOf("__proto__")).toBeNull();
  });
  it("compiles each validator once and strips scoring metadata from the phone's JSON", () => {
    expect(questionnaireValidator("social.v1")).toBe(questionnaireValidator("social.v1"));
    expect(questionnaireValidator("nope.v1")).toBeNull();
    expect(JSON.stringify(surveyJsonFor("social.v1"))).not.toContain('"scoring"');
  });
});
