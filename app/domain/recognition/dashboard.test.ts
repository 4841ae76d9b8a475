import { describe, expect, it } from "vitest";
import {
  buildCoverageBoard,
  dailySeries,
  effectiveStatus,
  elapsedShare,
  layoutForQuestionnaires,
  methodFormKind,
  parseAutoExcludeRules,
  parseQuestionnaireIds,
  parseStoredMethod,
  SettingsFormSchema,
  settingsFormInput,
  shanghaiDay,
  shanghaiHour,
  shortfallOf,
  trackStatus,
  type TrackInput,
} from "./dashboard";
import { DEFAULT_METHOD } from "./methods";
import { rateChart, trendChart } from "./charts";
import { breakdownExport, itemExport, pctCell, suppressedTable, summarize } from "./tables";
import { computeRecognition } from "./methods";
import type { BreakdownRow } from "./breakdowns";

describe("layout of a round's questionnaires", () => {
  it("qualifies item keys with the questionnaire id and keeps questionnaire order", () => {
    const layout = layoutForQuestionnaires(["social.v1", "staff.v1", "student.v1"]);
    expect(layout.items).toHaveLength(10 + 10 + 9);
    expect(layout.items[0]!.key).toBe("social.v1:q1");
    expect(layout.items.filter((i) => i.isOverall).map((i) => i.key)).toEqual(["social.v1:overall", "staff.v1:overall", "student.v1:overall"]);
    expect(layout.recognitionItems[0]!.dimension).toBe("落实教育公平政策");
    expect(layoutForQuestionnaires(["social.v1", "nope.v9"]).items).toHaveLength(10);
  });
  it.each([
    ['["social.v1","staff.v1"]', ["social.v1", "staff.v1"]],
    ["not json", []],
    ['{"a":1}', []],
    [null, []],
  ])("parseQuestionnaireIds(%s)", (json, ids) => expect(parseQuestionnaireIds(json as string | null)).toEqual(ids));
});

describe("shortfall and the coverage board", () => {
  it.each([
    [40, 33, 7],
    [40, 40, 0],
    [40, 55, 0],
    [null, 3, 0],
    [0, 0, 0],
  ])("planned %s, valid %s → shortfall %s", (planned, valid, expected) => expect(shortfallOf(planned, valid)).toBe(expected));

  it("one row per school (zh-CN order) then the county row; extra responses in one cell do not fill another", () => {
    const board = buildCoverageBoard({
      quotas: [
        { schoolId: "b", group: "parent", planned: 10 },
        { schoolId: "b", group: "teacher", planned: 4 },
        { schoolId: "a", group: "parent", planned: 5 },
        { schoolId: null, group: "public", planned: 6 },
      ],
      counts: [
        { schoolId: "b", group: "parent", received: 14, valid: 13, pending: 1, excluded: 1 },
        { schoolId: "a", group: "parent", received: 2, valid: 2, pending: 0, excluded: 0 },
        { schoolId: "a", group: "student", received: 3, valid: 3, pending: 0, excluded: 0 },
        { schoolId: "x", group: "nobody", received: 9, valid: 9, pending: 0, excluded: 0 },
      ],
      schoolLabels: { a: "阿拉坦小学", b: "北关小学" },
    });
    expect(board.rows.map((r) => r.label)).toEqual(["阿拉坦小学", "北关小学", "县级问卷（人大代表、政协委员、其他群众）"]);
    const b = board.rows[1]!;
    expect(b.groups.parent).toMatchObject({ planned: 10, valid: 13, shortfall: 0 });
    expect(b.groups.teacher).toMatchObject({ planned: 4, valid: 0, shortfall: 4 });
    expect(b).toMatchObject({ planned: 14, received: 14, valid: 13, shortfall: 4 });
    expect(board.rows[0]!.groups.student).toMatchObject({ planned: null, valid: 3, shortfall: 0 });
    expect(board.totals).toEqual({ planned: 25, received: 19, valid: 18, pending: 1, excluded: 1, shortfall: 4 + 3 + 6 });
    expect(board.groups).toEqual(["parent", "public", "teacher", "student"]);
    expect(board.byGroup.parent).toEqual({ planned: 15, received: 16, valid: 15, shortfall: 3 });
  });
});

describe("days in Asia/Shanghai", () => {
  it.each([
    ["2026-11-30T15:59:59Z", "2026-11-30", "2026-11-30 23:00"],
    ["2026-11-30T16:00:00Z", "2026-12-01", "2026-12-01 00:00"],
    ["2026-12-31T23:30:00Z", "2027-01-01", "2027-01-01 07:00"],
  ])("%s → day %s, hour %s", (iso, day, hour) => {
    expect(shanghaiDay(iso)).toBe(day);
    expect(shanghaiHour(iso)).toBe(hour);
  });

  it("zero-fills the window and keeps running totals; counts outside the window stay", () => {
    const points = dailySeries(
      [
        { day: "2026-11-02", received: 3, valid: 2 },
        { day: "2026-11-02", received: 1, valid: 1 },
        { day: "2026-11-04", received: 5, valid: 5 },
        { day: "2026-10-30", received: 1, valid: 0 },
      ],
      new Date("2026-11-01T00:00:00+08:00"),
      new Date("2026-11-04T20:00:00+08:00"),
    );
    expect(points.map((p) => [p.day, p.received, p.valid, p.cumulativeReceived, p.cumulativeValid])).toEqual([
      ["2026-10-30", 1, 0, 1, 0],
      ["2026-11-01", 0, 0, 1, 0],
      ["2026-11-02", 4, 3, 5, 3],
      ["2026-11-03", 0, 0, 5, 3],
      ["2026-11-04", 5, 5, 10, 8],
    ]);
  });
});

describe("who is on track (city view)", () => {
  const now = new Date("2026-11-11T00:00:00Z");
  const open = { state: "open", opensAt: new Date("2026-11-01T00:00:00Z"), closesAt: new Date("2026-11-21T00:00:00Z") }; // half elapsed
  const closed = { ...open, state: "closed" };
  const score = (rate: number, low = rate - 0.01, high = rate + 0.01) => ({ rate, passes: rate >= 0.85, interval: { low, high }, passBar: 0.85, respondents: 400 });
  const cases: Array<[string, Partial<TrackInput>, string, string[]]> = [
    ["no round", { round: null }, "no_data", ["尚未开展调查"]],
    ["too few respondents", { round: open, result: { ...score(0.9), respondents: 4 } }, "no_data", ["有效答卷不足，暂不能判断"]],
    ["no score", { round: open, result: null }, "no_data", ["有效答卷不足，暂不能判断"]],
    ["open, passing, on pace (exactly 80% of pro-rata)", { round: open, valid: 400, plannedTotal: 1000, result: score(0.9) }, "on_track", []],
    ["open, passing, behind pace", { round: open, valid: 399, plannedTotal: 1000, result: score(0.9) }, "at_risk", ["回收进度落后于计划"]],
    ["open, passing but interval below bar", { round: open, valid: 900, plannedTotal: 1000, result: score(0.86, 0.84, 0.88) }, "at_risk", ["置信区间下限低于达标线"]],
    ["exactly at the bar passes", { round: closed, valid: 1000, plannedTotal: 1000, result: score(0.85, 0.85, 0.86) }, "on_track", []],
    ["just below the bar", { round: closed, valid: 1000, plannedTotal: 1000, result: score(0.8499) }, "off_track", ["认可度低于达标线"]],
    ["closed short of plan", { round: closed, valid: 999, plannedTotal: 1000, result: score(0.9) }, "off_track", ["调查已结束，有效答卷 999 份少于计划 1000 份"]],
  ];
  it.each(cases)("%s", (_name, input, status, reasons) => {
    const r = trackStatus({ round: null, plannedTotal: 0, valid: 0, result: null, threshold: 5, now, ...input } as TrackInput);
    expect(r.status).toBe(status);
    expect(r.reasons).toEqual(reasons);
  });
  it.each([
    ["2026-10-01T00:00:00Z", 0],
    ["2026-11-11T00:00:00Z", 0.5],
    ["2026-12-01T00:00:00Z", 1],
  ])("elapsed share at %s = %s", (at, share) => expect(elapsedShare(open.opensAt, open.closesAt, new Date(at))).toBe(share));
});

describe("automatic exclusion rules", () => {
  const rules = { version: 1 as const, flagCodes: ["tooFast" as const, "burst" as const] };
  it.each([
    [{ status: "flagged", exclusionReason: null, flagCodes: ["tooFast"] }, { status: "excluded", reason: "自动剔除：答题过快", auto: true }],
    [{ status: "flagged", exclusionReason: null, flagCodes: ["straightLining", "burst"] }, { status: "excluded", reason: "自动剔除：短时间内大量相同答卷", auto: true }],
    [{ status: "flagged", exclusionReason: null, flagCodes: ["straightLining"] }, { status: "flagged", reason: null, auto: false }],
    [{ status: "valid", exclusionReason: null, flagCodes: ["tooFast"] }, { status: "valid", reason: null, auto: false }],
    [{ status: "excluded", exclusionReason: "人工剔除", flagCodes: ["tooFast"] }, { status: "excluded", reason: "人工剔除", auto: false }],
  ])("%o → %o", (stored, expected) => expect(effectiveStatus(stored, rules)).toEqual(expected));
  it.each([
    [null, []],
    ["garbage", []],
    ['{"version":1,"flagCodes":["tooFast","nope"]}', []],
    ['{"version":1,"flagCodes":["burst"]}', ["burst"]],
  ])("parseAutoExcludeRules(%s)", (json, codes) => expect(parseAutoExcludeRules(json as string | null).flagCodes).toEqual(codes));
});

describe("settings form", () => {
  const form = (fields: Record<string, string | string[]>) => {
    const f = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
    return SettingsFormSchema.safeParse(settingsFormInput(f));
  };
  it("default item-pooled at 85%, threshold 5, no rules", () => {
    const r = form({ kind: "itemPooled", passBar: "85", suppressionThreshold: "5" });
    expect(r.success && r.data).toEqual({ method: { kind: "itemPooled", version: 1, passBar: 0.85 }, suppressionThreshold: 5, autoExclude: { version: 1, flagCodes: [] } });
  });
  it("group-weighted with explicit percentages summing to 100", () => {
    const r = form({ kind: "groupWeighted", base: "perRespondentOverall", weightsFrom: "explicit", "weight.parent": "50", "weight.teacher": "30", "weight.student": "20", passBar: "85", suppressionThreshold: "5", autoExclude: ["burst", "tooFast"] });
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.data.method).toMatchObject({ kind: "groupWeighted", base: { kind: "perRespondent" }, weights: { parent: 0.5, teacher: 0.3, student: 0.2 } });
    expect(r.data.autoExclude.flagCodes).toEqual(["tooFast", "burst"]);
    expect(methodFormKind(r.data.method)).toBe("groupWeighted");
  });
  it.each([
    [{ kind: "itemPooled", passBar: "85", suppressionThreshold: "2" }, "suppressionThreshold", "屏蔽阈值不能低于 3"],
    [{ kind: "itemPooled", passBar: "85", suppressionThreshold: "4.5" }, "suppressionThreshold", "屏蔽阈值必须是整数"],
    [{ kind: "itemPooled", passBar: "0", suppressionThreshold: "5" }, "passBar", "达标线必须大于 0"],
    [{ kind: "itemPooled", passBar: "101", suppressionThreshold: "5" }, "passBar", "达标线不能超过 100%"],
    [{ kind: "perRespondentK", passBar: "85", suppressionThreshold: "5" }, "k", "请填写 k（至少几题认可）"],
    [{ kind: "groupWeighted", weightsFrom: "explicit", "weight.parent": "60", passBar: "85", suppressionThreshold: "5" }, "weights", "各群体权重之和必须为 1，当前为 0.6"],
    [{ kind: "magic", passBar: "85", suppressionThreshold: "5" }, "kind", "请选择计算方法"],
    [{ kind: "perRespondentK", k: "三", passBar: "85", suppressionThreshold: "5" }, "k", "k 必须是整数"],
    [{ kind: "scoreBased", maxScore: "五", passBar: "85", suppressionThreshold: "5" }, "maxScore", "满分必须是整数"],
    [{ kind: "groupWeighted", base: "magic", passBar: "85", suppressionThreshold: "5" }, "base", "请选择合成的基础方法"],
    [{ kind: "groupWeighted", weightsFrom: "magic", passBar: "85", suppressionThreshold: "5" }, "weightsFrom", "请选择权重来源（按抽样方案或自定义）"],
    [{ kind: "groupWeighted", missingGroup: "magic", passBar: "85", suppressionThreshold: "5" }, "missingGroup", "请选择缺少某类调查对象时的处理方式"],
    [{ kind: "itemPooled", autoExclude: "rm -rf", passBar: "85", suppressionThreshold: "5" }, "autoExclude", "自动剔除规则无效，请刷新页面后重新选择"],
  ])("%o → %s: %s", (fields, field, message) => {
    const r = form(fields as Record<string, string>);
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.error.issues.find((i) => i.path[0] === field)?.message).toBe(message);
  });
  it("a stored method that no longer parses is reported and the default used", () => {
    expect(parseStoredMethod(null)).toEqual({ method: DEFAULT_METHOD, error: null });
    expect(parseStoredMethod('{"kind":"itemPooled","version":2,"passBar":0.85}').error).toMatch(/已保存的计算方法无效/);
    expect(parseStoredMethod("{").error).toMatch(/无法解析/);
  });
});

describe("tables and charts never carry a suppressed number", () => {
  const row = (key: string, n: number, positive: number): BreakdownRow => ({
    by: "group",
    key,
    label: key,
    result: computeRecognition(
      Array.from({ length: n }, (_, i) => ({ id: `${key}${i}`, group: "parent" as const, status: "valid" as const, answers: { q: i < positive ? ("positive" as const) : ("negative" as const) } })),
      [{ name: "q", dimension: "d", isOverall: true }],
      DEFAULT_METHOD,
    ),
  });
  const rows = [row("a", 40, 36), row("b", 3, 3), row("c", 12, 6)];
  it("suppressed rows have no value; the smallest other row is hidden too (secondary)", () => {
    const t = suppressedTable(rows, 5);
    expect(t.map((r) => [r.key, r.suppressedBy, r.value === null])).toEqual([
      ["a", null, false],
      ["b", "primary", true],
      ["c", "secondary", true],
    ]);
    expect(t[0]!.value).toMatchObject({ received: 40, valid: 40, respondents: 40, rate: 0.9, passes: true });
    const out = breakdownExport("按调查对象", t);
    expect(out.rows[1]).toEqual(["b", ...Array(10).fill("样本不足")]);
    expect(out.rows[0]!.slice(0, 7)).toEqual(["a", 40, 40, 0, 0, 40, 90]);
    expect(JSON.stringify(rateChart(t, 0.85))).not.toContain('"b"');
  });
  it.each([
    [0.8499, 85],
    [0.85, 85],
    [0.91234, 91.2],
    [null, ""],
  ])("pctCell(%s) = %s", (rate, cell) => expect(pctCell(rate)).toBe(cell));
  it("item export keeps one column per answer option and hides suppressed items", () => {
    const t = itemExport([
      { key: "social.v1:q1", label: "社会卷 q1", dimension: "落实教育公平政策", title: "题", questionnaire: "社会卷", slotLabels: [], suppressedBy: null, value: summarize(rows[0]!.result), slots: [10, 26, 2, 1, 1, 0, 0] },
      { key: "staff.v1:q1", label: "校长教师卷 q1", dimension: "落实教育公平政策", title: "题", questionnaire: "校长教师卷", slotLabels: [], suppressedBy: "primary", value: null, slots: null },
    ]);
    expect(t.headers).toHaveLength(4 + 7 + 4);
    expect(t.rows[0]!.slice(4, 11)).toEqual([10, 26, 2, 1, 1, 0, 0]);
    expect(t.rows[1]!.slice(4)).toEqual(Array(11).fill("样本不足"));
  });
  it("trend chart leaves suppressed rounds as gaps", () => {
    const chart = trendChart(
      [
        { roundId: "1", name: "一", state: "closed", opensAt: "", closesAt: "", current: false, methodName: "", own: null, underCurrentMethod: null, error: null },
        { roundId: "2", name: "二", state: "open", opensAt: "", closesAt: "", current: true, methodName: "", own: summarize(rows[0]!.result), underCurrentMethod: 0.9, error: null },
      ],
      0.85,
    ) as { series: Array<{ data: unknown[] }> };
    expect(chart.series[0]!.data).toEqual([null, 90]);
  });
});
