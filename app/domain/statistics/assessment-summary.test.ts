import { describe, expect, it } from "vitest";
import { nationalProfile } from "../assessment/policy-profile";
import { assessCounty } from "../assessment/verdict";
import { partSummaries, tasksBySection, verdictCode, VERDICT_LABELS } from "./assessment-summary";

const emptyCounty = () =>
  assessCounty({ countyName: "空县", entry: { applicationYear: null, basicBalanceRecognitionYear: null }, schools: [], countyItems: {}, monitoring: null, recognitionScore: null, vetoes: {} }, nationalProfile);

describe("assessment summary", () => {
  it.each([
    [{ achieved: true, failing: [], missing: [] }, "pass"],
    [{ achieved: false, failing: [{}], missing: [] }, "fail"],
    [{ achieved: false, failing: [{}], missing: [{}] }, "fail"],
    [{ achieved: false, failing: [], missing: [{}] }, "incomplete"],
  ] as const)("verdictCode %#", (v, code) => {
    expect(verdictCode(v as never)).toBe(code);
    expect(VERDICT_LABELS[code]).toMatch(/达到/);
  });

  it("a county without data: every part 数据缺失, the tasks list each missing item under its 科室", () => {
    const v = emptyCounty();
    const parts = partSummaries(v);
    expect(parts.map((p) => [p.label, p.status])).toEqual([
      ["申请认定条件", "missing"],
      ["资源配置", "missing"],
      ["政府保障程度", "missing"],
      ["教育质量", "missing"],
      ["社会认可度", "missing"],
      ["一票否决", "missing"],
    ]);
    const tasks = tasksBySection(v);
    expect(tasks.find((t) => t.section === "督导室")!.items.map((i) => i.code)).toEqual(expect.arrayContaining(["C1", "C2"]));
    expect(tasks.find((t) => t.section === "基教科")!.items.map((i) => i.code)).toEqual(expect.arrayContaining(["G4", "G5", "X1"]));
  });
});
