import { describe, expect, it } from "vitest";
import { allOfResult, describeResult, everySchoolResult, judgementResult, numericResult, worstStatus } from "./indicator-result";
import { hohhotProfile, nationalProfile, effectiveThreshold } from "./policy-profile";

const base = { code: "G14", name: "优质高中招生名额分配比例", subject: "全县", inputs: { 分配名额: 550, 招生计划: 1000 }, formula: "100 × 分配名额 ÷ 招生计划" };

describe("numericResult", () => {
  it("carries value, standard, comparison, gap, inputs, formula and 责任科室", () => {
    const r = numericResult({ ...base, value: 55, threshold: effectiveThreshold(hohhotProfile, "G14.allocation") }, hohhotProfile);
    expect(r).toMatchObject({
      code: "G14",
      value: 55,
      standard: 60,
      unit: "%",
      comparison: "gte",
      status: "fail",
      gap: 5,
      inputs: { 分配名额: 550, 招生计划: 1000 },
      responsibleSections: ["基教科"],
      localBasis: "呼和浩特市责任清单第21项：不低于60%",
    });
    expect(numericResult({ ...base, value: 55, threshold: effectiveThreshold(nationalProfile, "G14.allocation") }, nationalProfile).status).toBe("pass");
  });

  it.each([null, undefined, Number.NaN])("value %s → 数据缺失, never a pass", (value) => {
    const r = numericResult({ ...base, value, threshold: effectiveThreshold(nationalProfile, "G14.allocation") }, nationalProfile);
    expect(r.status).toBe("missing");
    expect(r.gap).toBeNull();
    expect(r.note).toContain("数据缺失");
  });

  it("turns undefined/NaN inputs into null", () => {
    const r = numericResult({ ...base, inputs: { a: undefined, b: Number.NaN, c: 1 }, value: 1, threshold: { value: 1, unit: "", comparison: "gte" } }, nationalProfile);
    expect(r.inputs).toEqual({ a: null, b: null, c: 1 });
  });
});

describe("judgementResult", () => {
  it.each([
    [{ met: true, evidence: "布局规划（2023）" }, "pass", "佐证：布局规划（2023）"],
    [{ met: false }, "fail", undefined],
    [{ met: null }, "missing", "数据缺失：尚未作出达标判定"],
    [undefined, "missing", "数据缺失：尚未作出达标判定"],
  ] as const)("%j → %s", (judgement, status, note) => {
    const r = judgementResult({ code: "G1", name: "学校规划布局合理", subject: "全县", judgement, formula: "专家评议" });
    expect(r.status).toBe(status);
    expect(r.comparison).toBe("judgement");
    expect(r.note).toBe(note);
    expect(r.responsibleSections).toEqual(["财务与规划科"]);
  });
});

describe("worstStatus / allOfResult / everySchoolResult", () => {
  it.each([
    [[], "pass"],
    [["pass", "pass"], "pass"],
    [["pass", "missing"], "missing"],
    [["missing", "fail"], "fail"],
  ] as const)("%j → %s", (statuses, expected) => {
    expect(worstStatus(statuses)).toBe(expected);
  });

  it("allOfResult shows the first failing part", () => {
    const pass = numericResult({ ...base, value: 70, threshold: { value: 60, unit: "%", comparison: "gte" } }, nationalProfile);
    const fail = numericResult({ ...base, value: 10, threshold: { value: 20, unit: "%", comparison: "gte" } }, nationalProfile);
    const r = allOfResult({ code: "G11", name: "x", subject: "全县", formula: "f", parts: [pass, fail] });
    expect(r).toMatchObject({ status: "fail", value: 10, standard: 20, gap: 10 });
    expect(r.responsibleSections).toEqual(["人事科"]);
  });

  it("allOfResult headlines a failing judgement part over a passing ratio", () => {
    const ratioPart = numericResult({ ...base, value: 70, threshold: { value: 60, unit: "%", comparison: "gte" } }, nationalProfile);
    const tilt = judgementResult({ code: "G14", name: "向农村初中倾斜", subject: "全县", judgement: { met: false }, formula: "f" });
    const r = allOfResult({ code: "G14", name: "x", subject: "全县", formula: "f", parts: [ratioPart, tilt] });
    expect(r).toMatchObject({ status: "fail", comparison: "judgement", value: 0 });
    const ok = allOfResult({ code: "G14", name: "x", subject: "全县", formula: "f", parts: [ratioPart, { ...tilt, status: "pass", value: 1, gap: 0 }] });
    expect(ok).toMatchObject({ status: "pass", value: 70, standard: 60, unit: "%" });
  });

  it("everySchoolResult: share of schools passing, 100% required", () => {
    const ok = judgementResult({ code: "Q4", name: "x", subject: "甲", judgement: { met: true }, formula: "f" });
    const r = everySchoolResult({ code: "Q4", name: "x", formula: "f", parts: [ok, ok] }, nationalProfile);
    expect(r).toMatchObject({ status: "pass", value: 100, standard: 100, comparison: "eq100" });
  });
});

describe("describeResult", () => {
  it("writes one Chinese line", () => {
    const r = numericResult({ ...base, value: 55, threshold: effectiveThreshold(hohhotProfile, "G14.allocation") }, hohhotProfile);
    expect(describeResult(r, 2)).toBe("G14 优质高中招生名额分配比例（全县）：55%，标准 ≥60%，未达标，还差 5%");
  });

  it("strict comparisons say 须低于", () => {
    const r = numericResult(
      { code: "Q9", name: "数学校际差异率", subject: "全县", inputs: {}, formula: "f", value: 0.15, threshold: { value: 0.15, unit: "", comparison: "lt" } },
      nationalProfile,
    );
    expect(describeResult(r, 2)).toBe("Q9 数学校际差异率（全县）：0.15，标准 <0.15，未达标，须低于 0.15");
  });
});
