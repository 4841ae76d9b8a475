import { describe, expect, it } from "vitest";
import { hohhotProfile } from "../assessment/policy-profile";
import { assessCounty } from "../assessment/verdict";
import { buildCountyReport, type CountyReportInput } from "./county-report";
import { failingCountyInput, fixtureProfile, fixtureProvenance, passingCountyInput } from "./report-fixtures";
import { allCharts, allTables, canonicalJson, type ReportModel, type ReportSection } from "./report-model";
import { sampleCountyReportInput } from "./sample-county";

function input(over: Partial<CountyReportInput> = {}, assessment = failingCountyInput()): CountyReportInput {
  return {
    county: { name: "示例县", code: "150101", residentPopulation: 447_000, targetYear: 2024, stage: "self_assessment", cityName: "呼和浩特市" },
    schools: fixtureProfile(),
    verdict: assessCounty(assessment, hohhotProfile),
    recognition: null,
    provenance: fixtureProvenance(),
    ...over,
  };
}

function section(model: ReportModel, id: string): ReportSection {
  const find = (list: ReportSection[]): ReportSection | undefined => list.map((s) => (s.id === id ? s : find(s.children))).find(Boolean);
  const found = find(model.sections);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

function texts(s: ReportSection): string {
  return [
    s.title,
    ...s.blocks.map((b) =>
      b.type === "paragraph" ? b.text : b.type === "list" ? b.items.join("\n") : b.type === "table" ? [b.table.title, ...b.table.rows.map((r) => r.map((c) => c.text).join("|"))].join("\n") : b.type === "keyValues" ? b.rows.map((r) => `${r.label}：${r.value}`).join("\n") : b.chart.title,
    ),
    ...s.children.map(texts),
  ].join("\n");
}

describe("buildCountyReport", () => {
  it("has the 自评报告 structure of domain-spec §4.3", () => {
    const model = buildCountyReport(input());
    expect(model.sections.map((s) => s.title)).toEqual(["一、基本情况", "二、指标达成情况", "三、存在问题与整改措施", "四、自评结论", "附件 数据来源与版本"]);
    expect(section(model, "indicators").children.map((s) => s.title)).toEqual(["（一）申请认定条件", "（二）资源配置", "（三）政府保障程度", "（四）教育质量", "（五）社会认可度", "（六）一票否决"]);
    expect(model.sections.every((s) => s.pageBreakBefore)).toBe(true);
    expect(model.title).toBe("示例县县域义务教育优质均衡发展督导评估自评报告");
    expect(model.subtitle).toBe("自评结论：未达到");
  });

  it("基本情况: schools by kind and 城乡 with totals from the profile", () => {
    const model = buildCountyReport(input());
    const [byKind, byArea] = allTables(model);
    expect(byKind.rows.map((r) => r.map((c) => c.text))).toEqual([
      ["小学", "2", "1800", "108"],
      ["初中", "1", "1500", "120"],
      ["九年一贯制", "1", "700", "55"],
      ["教学点", "1", "30", "3"],
      ["特殊教育学校", "1", "100", "25"],
      ["合计", "6", "4130", "311"],
    ]);
    expect(byArea.rows.map((r) => r[0].text)).toEqual(["城区", "镇区", "乡村", "未填写"]);
    expect(byArea.rows[0].map((c) => c.text)).toEqual(["城区", "2", "33.3%", "2700", "65.4%"]);
    expect(texts(section(model, "profile"))).toContain("常住人口 447,000 人");
  });

  it("names every failing item with its gap, and the verdict in the conclusion", () => {
    const model = buildCountyReport(input());
    const resource = texts(section(model, "resource"));
    expect(resource).toContain("第二小学|小学|未达标|7项中6项达标；生均体育运动场馆面积为标准的78.1%（低于85%）|生均体育运动场馆面积：体育运动场馆面积还差 312 ㎡（达到标准的85%）");
    const guarantee = texts(section(model, "guarantee"));
    expect(guarantee).toContain("G14|优质高中招生名额分配比例|55%|≥60%|未达标|还差 5%");
    expect(guarantee).toContain("G5|班级学生数（班额）|第一小学|56人，标准 ≤45人|未达标|超出 11人");
    const problems = texts(section(model, "problems"));
    expect(problems).toContain("G14 优质高中招生名额分配比例（全县）：55%，标准 ≥60%，未达标，还差 5%");
    expect(problems).toContain("财务与规划科：负责 R5 生均体育运动场馆面积，涉及 1 所学校。");
    expect(problems).toContain("基教科|G14 优质高中招生名额分配比例|优质高中招生名额分配比例|55%，标准 ≥60%|还差 5%|");
    expect(texts(section(model, "conclusion"))).toContain("自评结论为：未达到。其中未达标 3 项");
  });

  it("a county meeting everything: 达到, nothing to rectify, veto statement clean", () => {
    const model = buildCountyReport(input({}, passingCountyInput()));
    expect(model.subtitle).toBe("自评结论：达到");
    expect(texts(section(model, "conclusion"))).toContain("自评结论为：达到");
    expect(texts(section(model, "problems"))).toContain("无整改任务。");
    expect(texts(section(model, "veto"))).toContain("经核查，不存在以考试方式招生");
  });

  it("names the data snapshots, the survey round and the policy version", () => {
    const sample = sampleCountyReportInput({ schools: 40 });
    const model = buildCountyReport(sample);
    const meta = Object.fromEntries(model.meta.map((m) => [m.label, m.value]));
    expect(meta["政策配置"]).toBe("呼和浩特市（版本 1）");
    expect(meta["数据快照"]).toContain("编号 snap-school-2025");
    expect(meta["社会认可度调查轮次"]).toBe("2025年社会认可度自评调查（编号 round-2025-1）");
    expect(meta["生成时间"]).toBe("2025年11月30日 18:05");
    expect(texts(section(model, "provenance"))).toContain(`snap-county-2025|${formatCreated("2025-10-10T03:00:00.000Z")}|${"9ab2".padEnd(64, "1")}`);
  });

  it("社会认可度: method, sample against plan, validity, suppressed groups, chart without them", () => {
    const sample = sampleCountyReportInput({ schools: 60 });
    const model = buildCountyReport(sample);
    const text = texts(section(model, "recognition"));
    expect(text).toContain("调查轮次：2025年社会认可度自评调查。计算方法：按题项汇总法");
    expect(text).toContain(`计划样本量|${sample.recognition!.plan.total}`);
    expect(text).toMatch(/剔除原因：答题时间过短\|\d+/);
    const groups = allTables(model).find((t) => t.id === "recognition-groups")!;
    const deputy = groups.rows.find((r) => r[0].text === "人大代表")!;
    expect(deputy[4]).toEqual({ text: "样本不足", tone: "suppressed" });
    const chart = allCharts(model).find((c) => c.id === "chart-recognition-groups")!;
    expect(chart.categories).not.toContain("人大代表");
    expect(chart.referenceLines).toEqual([{ value: 85, label: "达标线 85%" }]);
    expect(text).toContain(`评估所用社会认可度：${(Math.round(sample.verdict.recognition.value! * 100) / 100).toString()}%`);
  });

  it("without a survey: says so and keeps the engine's 数据缺失", () => {
    const assessment = passingCountyInput();
    assessment.recognitionScore = null;
    const model = buildCountyReport(input({}, assessment));
    expect(texts(section(model, "recognition"))).toContain("尚无社会认可度调查结果。");
    expect(texts(section(model, "recognition"))).toContain("评估所用社会认可度：数据缺失");
  });

  it("is deterministic: the same input gives the same canonical JSON; only generatedAt lines change with the clock", () => {
    const a = canonicalJson(buildCountyReport(input()));
    expect(canonicalJson(buildCountyReport(input()))).toBe(a);
    const later = input();
    later.provenance = { ...later.provenance, generatedAt: "2025-12-01T00:00:00.000Z" };
    const b = canonicalJson(buildCountyReport(later));
    expect(b).not.toBe(a);
    expect(b.replaceAll("2025年12月1日 08:00", "2025年11月30日 18:05").replace("2025-12-01T00:00:00.000Z", "2025-11-30T10:05:00.000Z")).toBe(a);
  });

  it("numbers tables without gaps (annex-only tables are 附表)", () => {
    const tables = allTables(buildCountyReport(sampleCountyReportInput({ schools: 30 })));
    const doc = tables.filter((t) => t.only !== "annex").map((t) => Number(/^表(\d+) /.exec(t.title)![1]));
    expect(doc).toEqual(doc.map((_, i) => i + 1));
    expect(tables.filter((t) => t.only === "annex").map((t) => t.title)).toEqual(["附表1 各校资源配置原始数据与计算值"]);
  });
});

function formatCreated(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
}
