import { describe, expect, it } from "vitest";
import { parsePolicyProfile, nationalProfile } from "./policy-profile";
import { assessQualityMonitoring, checkMonitoringSubject, type MonitoringSubjectResult } from "./quality-monitoring";

const subject = (name: string, level: MonitoringSubjectResult["level"], rate: number | null): MonitoringSubjectResult => ({
  subject: name,
  level,
  interSchoolRate: rate,
  year: 2024,
});

describe("checkMonitoringSubject", () => {
  it.each([
    ["Ⅲ and 0.14 passes", 3, 0.14, "pass"],
    ["Ⅳ and 0.149 passes", 4, 0.149, "pass"],
    ["rate exactly 0.15 fails (低于 is strict)", 3, 0.15, "fail"],
    ["rate 0.16 fails", 4, 0.16, "fail"],
    ["level Ⅱ fails", 2, 0.05, "fail"],
    ["level missing", null, 0.05, "missing"],
    ["rate missing", 3, null, "missing"],
    ["level Ⅱ and rate missing fails", 2, null, "fail"],
  ] as const)("%s", (_label, level, rate, status) => {
    expect(checkMonitoringSubject(subject("数学", level, rate), nationalProfile).status).toBe(status);
  });

  it("carries the subject, the source and 督导室", () => {
    const r = checkMonitoringSubject({ ...subject("语文", 3, 0.1), reportId: "监测报告2024-07" }, nationalProfile);
    expect(r.name).toBe("语文质量监测结果");
    expect(r.note).toBe("来源：2024年 监测报告2024-07");
    expect(r.responsibleSections).toEqual(["督导室"]);
    expect(r.parts!.map((p) => [p.standard, p.comparison])).toEqual([
      [3, "gte"],
      [0.15, "lt"],
    ]);
  });
});

describe("assessQualityMonitoring (Q9)", () => {
  const imported = [subject("语文", 3, 0.1), subject("数学", 4, 0.12), subject("科学", 3, 0.15)];

  it("every imported subject must pass", () => {
    const r = assessQualityMonitoring(imported, nationalProfile);
    expect(r.status).toBe("fail");
    expect(r.parts!.filter((p) => p.status === "fail").map((p) => p.name)).toEqual(["科学质量监测结果"]);
    expect(assessQualityMonitoring(imported.slice(0, 2), nationalProfile).status).toBe("pass");
  });

  it("configured subjects: a listed subject without data is 数据缺失, others are ignored", () => {
    const profile = parsePolicyProfile({ name: "x", q9Subjects: ["语文", "数学", "体育与健康"] });
    const r = assessQualityMonitoring(imported, profile);
    expect(r.parts!.map((p) => [p.name, p.status])).toEqual([
      ["语文质量监测结果", "pass"],
      ["数学质量监测结果", "pass"],
      ["体育与健康质量监测结果", "missing"],
    ]);
    expect(r.status).toBe("missing");
  });

  it.each([null, undefined, []])("nothing imported (%j) → 数据缺失", (results) => {
    const r = assessQualityMonitoring(results, nationalProfile);
    expect(r.status).toBe("missing");
    expect(r.note).toBe("数据缺失：未导入国家义务教育质量监测结果");
  });

  it("a tighter local rate (0.12) fails 0.12 exactly", () => {
    const profile = parsePolicyProfile({ name: "x", overrides: { "Q9.interSchoolRate": { value: 0.12, basis: "测试" } } });
    expect(assessQualityMonitoring([subject("数学", 4, 0.12)], profile).status).toBe("fail");
  });
});
