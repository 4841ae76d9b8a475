import { describe, expect, it } from "vitest";
import { hohhotProfile } from "../assessment/policy-profile";
import { BUILT_IN_POLICIES, creditOverrides, describePolicySettings, parsePolicyInput, parseStoredPolicy, serializePolicy, thresholdRows } from "./policy-version";

const hohhotJson = () => JSON.parse(serializePolicy(BUILT_IN_POLICIES.hohhot)) as Record<string, unknown>;

describe("policy versions", () => {
  it("round-trips the built-in Hohhot version (G14 tightened to 60 %)", () => {
    const parsed = parseStoredPolicy(JSON.parse(serializePolicy(BUILT_IN_POLICIES.hohhot)));
    expect(parsed.profile).toEqual(hohhotProfile);
    expect(parsed.recognition).toEqual({ countedOptions: "top2" });
    expect(thresholdRows(parsed.profile).find((r) => r.key === "G14.allocation")).toMatchObject({ national: 50, effective: 60, basis: expect.stringContaining("第21项") });
  });

  it("accepts a tightening override and the documented settings", () => {
    const json = { ...hohhotJson(), name: "呼和浩特市（2026）", overrides: { "G14.allocation": { value: 60, basis: "责任清单第21项" }, "CV.primary": { value: 0.45, basis: "市定" } }, comparison: { mode: "rounded", decimals: 2, displayDecimals: 2 }, teachingPoint: { minStudents: 30, mode: "merge-into-central-school" }, recognition: { countedOptions: "top1" } };
    const r = parsePolicyInput(JSON.stringify(json));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.policy.profile.overrides["CV.primary"]?.value).toBe(0.45);
      expect(r.policy.recognition.countedOptions).toBe("top1");
      expect(describePolicySettings(r.policy).map((s) => s.value).join()).toMatch(/先四舍五入到 2 位小数/);
    }
  });

  it.each<[string, string, RegExp]>([
    ["loosening G14 to 45 %", JSON.stringify({ name: "x", overrides: { "G14.allocation": { value: 45, basis: "试" } } }), /地方标准 45% 低于国家标准 50%，地方标准只能从严，不能放宽/],
    ["loosening the 初中 CV to 0.5", JSON.stringify({ name: "x", overrides: { "CV.junior": { value: 0.5, basis: "试" } } }), /高于国家标准 0.45，地方标准只能从严/],
    ["changing a 100 % rule", JSON.stringify({ name: "x", overrides: { "G12.certified": { value: 95, basis: "试" } } }), /国家标准为 100%，不能修改/],
    ["an override without basis", JSON.stringify({ name: "x", overrides: { "G14.allocation": { value: 60, basis: "" } } }), /请填写地方标准的依据/],
    ["an unknown threshold key", JSON.stringify({ name: "x", overrides: { "R9.primary": { value: 1, basis: "x" } } }), /无法识别的阈值键：R9.primary/],
    ["an unknown setting", JSON.stringify({ name: "x", comparsion: {} }), /无法识别的设置项：comparsion/],
    ["a wrong type", JSON.stringify({ name: "x", teachingPoint: { minStudents: "五十" } }), /教学点人数下限：类型不正确（应为数字）/],
    ["a wrong enum", JSON.stringify({ name: "x", comparison: { mode: "floor" } }), /比较方式：取值应为 unrounded、rounded 之一/],
    ["a counted-options value", JSON.stringify({ name: "x", recognition: { countedOptions: "all" } }), /计为认可的选项/],
    ["broken JSON", "{ name: x", /不是有效的 JSON/],
    ["an array", "[]", /应为一个 JSON 对象/],
    ["no name", JSON.stringify({}), /方案名称：必须填写/],
  ])("refuses %s in Chinese", (_name, text, message) => {
    const r = parsePolicyInput(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.join("\n")).toMatch(message);
  });

  it.each([
    ["top1", { "5": "positive", "4": "negative", "3": "negative" }],
    ["top2", { "5": "positive", "4": "positive", "3": "negative" }],
    ["top3", { "5": "positive", "4": "positive", "3": "positive" }],
  ] as const)("counted options %s", (set, expected) => {
    expect(creditOverrides({ countedOptions: set })).toMatchObject({ ...expected, "2": "negative", "1": "negative" });
  });
});
