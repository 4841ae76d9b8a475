import { describe, expect, it } from "vitest";
import { buildCityProgressReport, goalProgress, HOHHOT_PLAN_GOALS, HOHHOT_PLAN_SCHEDULE, type CityProgressCounty } from "./city-progress";
import { allCharts, allTables } from "./report-model";

/** The demo's 9 旗县区 (prisma/demo-data.ts): 武川县 recognised in 2025. */
function counties(): CityProgressCounty[] {
  const stage: Record<string, CityProgressCounty["stage"]> = { 玉泉区: "province_assessment", 武川县: "national_recognition", 清水河县: "city_review", 回民区: "not_started", 和林格尔县: "not_started", 托克托县: "not_started" };
  return Object.entries(HOHHOT_PLAN_SCHEDULE).map(([name, targetYear], i) => ({
    name,
    code: `1501${String(i).padStart(2, "0")}`,
    targetYear,
    stage: stage[name] ?? "self_assessment",
    recognitionYear: name === "武川县" ? 2025 : null,
    verdict: name === "玉泉区" ? "达到" : name === "赛罕区" ? "未达到" : null,
    readiness: name === "新城区" ? { passed: 30, total: 34 } : null,
    recognitionRate: name === "玉泉区" ? 0.912 : name === "赛罕区" ? 0.842 : null,
  }));
}

describe("goalProgress", () => {
  it("counts 国家认定 by the end of each goal year against ⌈share × total⌉", () => {
    const p = goalProgress(counties(), HOHHOT_PLAN_GOALS, 2025);
    expect(p.map((g) => [g.goal.year, g.required, g.recognised, g.status])).toEqual([
      [2022, 1, 0, "missed"],
      [2030, 9, 1, "pending"],
    ]);
  });
  it("achieved when enough counties were recognised in time; exactly the share counts", () => {
    const list = counties().map((c) => (c.name === "武川县" ? { ...c, recognitionYear: 2022 } : c));
    expect(goalProgress(list, HOHHOT_PLAN_GOALS, 2025)[0].status).toBe("achieved");
    expect(goalProgress(list.slice(0, 1).map((c) => ({ ...c, stage: "national_recognition" as const, recognitionYear: 2022 })), [{ year: 2022, sharePercent: 100, text: "" }], 2022)[0].status).toBe("achieved");
  });
  it("no counties: nothing is achieved", () => {
    expect(goalProgress([], HOHHOT_PLAN_GOALS, 2025)[0]).toMatchObject({ required: 0, recognised: 0, status: "missed" });
  });
});

describe("buildCityProgressReport", () => {
  const model = buildCityProgressReport({ city: { name: "呼和浩特市", code: "150100" }, counties: counties(), generatedAt: "2025-11-30T10:05:00.000Z" });

  it("lists every county in plan order with stage, plan status, verdict or readiness and 社会认可度", () => {
    const table = allTables(model).find((t) => t.id === "city-counties")!;
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["玉泉区", "2022", "省评估", "逾期未通过", "自评达到", "91.2%", "—"],
      ["武川县", "2022", "国家认定", "已通过国家认定", "尚未评估", "—", "2025"],
      ["清水河县", "2023", "市复核", "逾期未通过", "尚未评估", "—", "—"],
      ["赛罕区", "2024", "县自评", "逾期未通过", "自评未达到", "84.2%", "—"],
      ["新城区", "2024", "县自评", "逾期未通过", "准备度 30/34 项达标（88.2%）", "—", "—"],
      ["土默特左旗", "2025", "县自评", "按计划推进", "尚未评估", "—", "—"],
      ["回民区", "2025", "未启动", "按计划推进", "尚未评估", "—", "—"],
      ["和林格尔县", "2026", "未启动", "按计划推进", "尚未评估", "—", "—"],
      ["托克托县", "2026", "未启动", "按计划推进", "尚未评估", "—", "—"],
    ]);
    expect(table.rows[3][5].tone).toBe("fail");
  });

  it("charts planned vs actual cumulative share per year with the goals", () => {
    const chart = allCharts(model).find((c) => c.id === "chart-city-progress")!;
    expect(chart.categories).toEqual(["2022", "2023", "2024", "2025", "2026", "2027", "2028", "2029", "2030"]);
    const [planned, actual, goals] = chart.series;
    expect(planned.values.map((v) => Math.round(v! * 10) / 10)).toEqual([22.2, 33.3, 55.6, 77.8, 100, 100, 100, 100, 100]);
    expect(actual.values).toEqual([0, 0, 0, 100 / 9, null, null, null, null, null]);
    expect(goals.values).toEqual([10, null, null, null, null, null, null, null, 100]);
  });

  it("states the goals and their status", () => {
    const lead = model.sections[0].blocks[0];
    expect(lead.type === "paragraph" && lead.text).toContain("截至 2025 年已有 1 个通过国家认定（11.1%）");
    expect(allTables(model)[0].rows.map((r) => r[3].text)).toEqual(["未实现", "推进中"]);
  });
});
