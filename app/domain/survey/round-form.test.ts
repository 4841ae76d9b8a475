import { describe, expect, it } from "vitest";
import {
  allowedTransitions,
  formatShanghaiLong,
  linkAudience,
  parseRoundAction,
  parseRoundForm,
  parseShanghaiDateTime,
  posterText,
  questionnaireLabel,
  toShanghaiInput,
  transitionProblem,
  wechatMessage,
  type TransitionCheck,
} from "./round-form";

const valid = { name: "2026年社会认可度模拟调查", opensAt: "2026-11-20T08:00", closesAt: "2026-11-25T18:00" };

describe("parseShanghaiDateTime / toShanghaiInput / formatShanghaiLong", () => {
  it.each([
    ["2026-11-20T08:00", "2026-11-20T00:00:00.000Z"],
    ["2026-11-20T07:59", "2026-11-19T23:59:00.000Z"], // crosses midnight UTC
    ["2026-01-01T00:00", "2025-12-31T16:00:00.000Z"], // crosses the year
    ["2026-11-20 08:00", "2026-11-20T00:00:00.000Z"],
    ["2026-11-20T08:00:30", "2026-11-20T00:00:30.000Z"],
    ["2028-02-29T12:00", "2028-02-29T04:00:00.000Z"], // leap day
  ])("%s (北京时间) → %s", (input, utc) => {
    expect(parseShanghaiDateTime(input)?.toISOString()).toBe(utc);
  });
  it.each(["", "2026-11-20", "2026/11/20 08:00", "2026-02-30T08:00", "2027-02-29T08:00", "2026-11-20T24:00", "2026-13-01T00:00", "2026-11-20T08:60", "x"])("rejects %j", (input) => {
    expect(parseShanghaiDateTime(input)).toBeNull();
  });
  it("round-trips and formats in Asia/Shanghai", () => {
    const d = new Date("2026-11-19T23:59:00Z");
    expect(toShanghaiInput(d)).toBe("2026-11-20T07:59");
    expect(parseShanghaiDateTime(toShanghaiInput(d))?.getTime()).toBe(d.getTime());
    expect(formatShanghaiLong(d)).toBe("2026年11月20日 07:59");
    expect(formatShanghaiLong("2026-01-05T10:05:00Z")).toBe("2026年1月5日 18:05");
  });
});

describe("parseRoundForm", () => {
  it("reads a valid form with the defaults: newest questionnaires, no minimum, 家长 ≥ 0.5, one device off when unchecked", () => {
    const r = parseRoundForm(valid);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual({
      name: "2026年社会认可度模拟调查",
      opensAt: new Date("2026-11-20T00:00:00Z"),
      closesAt: new Date("2026-11-25T10:00:00Z"),
      questionnaires: ["social.v1", "staff.v1", "student.v1"],
      rule: { ratePerMille: 1.5, minimumTotal: 0, parentShare: 0.5 },
      onePerDevice: false,
    });
  });
  it("reads explicit values", () => {
    const r = parseRoundForm({ ...valid, questionnaire_social: "social.v1", minimumTotal: "600", parentShare: "0.6", onePerDevice: "on" });
    expect(r.ok && r.value.rule).toEqual({ ratePerMille: 1.5, minimumTotal: 600, parentShare: 0.6 });
    expect(r.ok && r.value.onePerDevice).toBe(true);
  });
  it.each([
    [{ name: "" }, "name", "请填写轮次名称"],
    [{ name: "   " }, "name", "请填写轮次名称"],
    [{ name: "长".repeat(61) }, "name", "轮次名称不超过 60 个字符"],
    [{ opensAt: "" }, "opensAt", "请填写开始时间"],
    [{ opensAt: "2026-11-31T08:00" }, "opensAt", "开始时间格式应为 年-月-日 时:分（北京时间）"],
    [{ closesAt: "明天" }, "closesAt", "结束时间格式应为 年-月-日 时:分（北京时间）"],
    [{ closesAt: "2026-11-20T08:00" }, "closesAt", "结束时间必须晚于开始时间"],
    [{ closesAt: "2026-11-19T08:00" }, "closesAt", "结束时间必须晚于开始时间"],
    [{ questionnaire_social: "staff.v1" }, "questionnaire_social", "社会卷只能选择已发布的社会卷版本"],
    [{ questionnaire_student: "student.v9" }, "questionnaire_student", "学生卷只能选择已发布的学生卷版本"],
    [{ minimumTotal: "-1" }, "minimumTotal", "最低样本量不能为负数"],
    [{ minimumTotal: "1.5" }, "minimumTotal", "最低样本量应为整数"],
    [{ minimumTotal: "abc" }, "minimumTotal", "最低样本量应为整数"],
    [{ parentShare: "0.49" }, "parentShare", "家长比例不得低于 0.5（50%）"],
    [{ parentShare: "1.01" }, "parentShare", "家长比例不得高于 1（100%）"],
    [{ parentShare: "50%" }, "parentShare", "家长比例应为 0.5 到 1 之间的小数"],
  ])("refuses %o on %s: %s", (patch, field, message) => {
    const r = parseRoundForm({ ...valid, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors[field]).toBe(message);
  });
  it("accepts exactly 0.5 and 1 for the parent share", () => {
    expect(parseRoundForm({ ...valid, parentShare: "0.5" }).ok).toBe(true);
    expect(parseRoundForm({ ...valid, parentShare: "1" }).ok).toBe(true);
  });
  it("reports a missing field as missing, not as a crash", () => {
    const r = parseRoundForm({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.fieldErrors).toMatchObject({ name: "请填写轮次名称", opensAt: "请填写开始时间", closesAt: "请填写结束时间" });
  });
});

describe("allowedTransitions", () => {
  it.each([
    ["draft", ["open"]],
    ["open", ["close"]],
    ["closed", ["reopen"]],
    ["archived", []],
  ])("%s → %o", (state, actions) => {
    expect(allowedTransitions(state).map((t) => t.action)).toEqual(actions);
  });
  it("labels the buttons and asks a reason for 重新开放 only", () => {
    expect(allowedTransitions("draft")[0]).toMatchObject({ label: "开始调查", to: "open", needsReason: false });
    expect(allowedTransitions("open")[0]).toMatchObject({ label: "结束调查", to: "closed", needsReason: false });
    expect(allowedTransitions("closed")[0]).toMatchObject({ label: "重新开放", to: "open", needsReason: true });
  });
});

describe("transitionProblem", () => {
  const now = new Date("2026-11-22T00:00:00Z");
  const base: TransitionCheck = { state: "draft", action: "open", opensAt: new Date("2026-11-20T00:00:00Z"), closesAt: new Date("2026-11-25T00:00:00Z"), now };
  it.each([
    ["draft → open", base, null],
    ["open → close", { ...base, state: "open", action: "close" }, null],
    ["close even after the window", { ...base, state: "open", action: "close", closesAt: new Date("2026-11-21T00:00:00Z") }, null],
    ["closed → reopen with a reason", { ...base, state: "closed", action: "reopen", reason: "补充乡村学校样本" }, null],
    ["draft cannot close", { ...base, action: "close" }, "当前状态为“草稿”，不能执行该操作，请刷新页面。"],
    ["open cannot open again", { ...base, state: "open" }, "当前状态为“进行中”，不能执行该操作，请刷新页面。"],
    ["reopen without a reason", { ...base, state: "closed", action: "reopen", reason: "  " }, "重新开放须填写原因"],
    ["open after the closing time", { ...base, closesAt: new Date("2026-11-21T00:00:00Z") }, "结束时间已过，请先修改调查时间再开始调查"],
    ["reopen after the closing time", { ...base, state: "closed", action: "reopen", reason: "延期", closesAt: new Date("2026-11-21T00:00:00Z") }, "原定结束时间已过，重新开放须填写新的结束时间（晚于现在）"],
    ["reopen with a new closing time", { ...base, state: "closed", action: "reopen", reason: "延期", closesAt: new Date("2026-11-21T00:00:00Z"), newClosesAt: new Date("2026-11-28T00:00:00Z") }, null],
    ["reopen with a new closing time in the past", { ...base, state: "closed", action: "reopen", reason: "延期", newClosesAt: new Date("2026-11-21T12:00:00Z") }, "原定结束时间已过，重新开放须填写新的结束时间（晚于现在）"],
    ["reopen with a closing time before the opening", { ...base, state: "closed", action: "reopen", reason: "延期", newClosesAt: new Date("2026-11-19T00:00:00Z") }, "结束时间必须晚于开始时间"],
  ] as const)("%s", (_name, check, message) => {
    expect(transitionProblem(check as TransitionCheck)?.message ?? null).toBe(message);
  });
});

describe("parseRoundAction", () => {
  it.each([
    [{ intent: "open" }, { intent: "open" }],
    [{ intent: "close" }, { intent: "close" }],
    [{ intent: "createLinks" }, { intent: "createLinks" }],
    [{ intent: "reopen", reason: " 补充样本 ", closesAt: "" }, { intent: "reopen", reason: "补充样本" }],
    [{ intent: "reopen", reason: "延期", closesAt: "2026-12-01T18:00" }, { intent: "reopen", reason: "延期", closesAt: new Date("2026-12-01T10:00:00Z") }],
    [{ intent: "revoke", linkId: "clx123abc" }, { intent: "revoke", linkId: "clx123abc" }],
    [{ intent: "limits", linkId: "clx1", cap: "", expiresAt: "" }, { intent: "limits", linkId: "clx1", cap: null, expiresAt: null }],
    [{ intent: "limits", linkId: "clx1", cap: "80", expiresAt: "2026-11-24T12:00" }, { intent: "limits", linkId: "clx1", cap: 80, expiresAt: new Date("2026-11-24T04:00:00Z") }],
    [{ intent: "quotas", "quota.a1": "12", "quota.b2": "0", other: "x" }, { intent: "quotas", changes: [{ quotaId: "a1", planned: 12 }, { quotaId: "b2", planned: 0 }] }],
  ])("%o", (form, value) => {
    expect(parseRoundAction(form)).toEqual({ ok: true, value });
  });
  it("parses the window form", () => {
    const r = parseRoundAction({ intent: "window", ...valid });
    expect(r.ok && r.value).toMatchObject({ intent: "window", name: valid.name, closesAt: new Date("2026-11-25T10:00:00Z") });
  });
  it.each([
    [{}, "_", "不支持的操作"],
    [{ intent: "delete" }, "_", "不支持的操作"],
    [{ intent: "reopen" }, "reason", "重新开放须填写原因"],
    [{ intent: "reopen", reason: "" }, "reason", "重新开放须填写原因"],
    [{ intent: "reopen", reason: "x".repeat(201) }, "reason", "原因不超过 200 个字符"],
    [{ intent: "reopen", reason: "延期", closesAt: "下周" }, "closesAt", "新的结束时间格式应为 年-月-日 时:分（北京时间）"],
    [{ intent: "revoke" }, "linkId", "缺少链接"],
    [{ intent: "revoke", linkId: "../x" }, "linkId", "链接无效"],
    [{ intent: "limits", linkId: "a", cap: "0" }, "cap", "名额上限应为正整数（不限请留空）"],
    [{ intent: "limits", linkId: "a", cap: "2.5" }, "cap", "名额上限应为正整数"],
    [{ intent: "limits", linkId: "a", cap: "abc" }, "cap", "名额上限应为正整数"],
    [{ intent: "limits", linkId: "a", expiresAt: "2026-11-24" }, "expiresAt", "链接有效期格式应为 年-月-日 时:分（北京时间）"],
    [{ intent: "window", ...valid, closesAt: "2026-11-01T00:00" }, "closesAt", "结束时间必须晚于开始时间"],
    [{ intent: "quotas", "quota.a1": "-1" }, "quota.a1", "计划数应为 0 到 100000 之间的整数"],
    [{ intent: "quotas", "quota.a1": "3.5" }, "quota.a1", "计划数应为 0 到 100000 之间的整数"],
    [{ intent: "quotas", "quota.a1": "" }, "quota.a1", "计划数应为 0 到 100000 之间的整数"],
    [{ intent: "quotas", "quota.a1": "100001" }, "quota.a1", "计划数应为 0 到 100000 之间的整数"],
    [{ intent: "quotas", "quota.": "1" }, "quota.", "抽样方案单元格无效"],
    [{ intent: "quotas" }, "_", "没有要保存的计划数"],
  ])("refuses %o", (form, field, message) => {
    const r = parseRoundAction(form);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    if (field === "_") expect(r.formError).toBe(message);
    else {
      expect(r.fieldErrors[field]).toBe(message);
      expect(r.formError).toBe(message);
    }
  });
});

describe("texts", () => {
  it("labels questionnaire versions", () => {
    expect(questionnaireLabel("social.v1")).toBe("社会卷 v1");
    expect(questionnaireLabel("student.v1")).toBe("学生卷 v1");
    expect(questionnaireLabel("unknown.v3")).toBe("unknown.v3");
  });

  it("names the audience of each link", () => {
    expect(linkAudience("social", false)).toBe("学生家长");
    expect(linkAudience("social", true)).toBe("人大代表、政协委员及其他群众");
    expect(linkAudience("staff", false)).toBe("校长、教师");
    expect(linkAudience("student", false)).toBe("三年级及以上学生");
  });

  it("builds the WeChat message with the link and the deadline in 北京时间", () => {
    const text = wechatMessage({
      countyName: "玉泉区",
      schoolName: "玉泉区示例实验小学",
      familyTitle: "社会卷",
      audience: "学生家长",
      url: "https://survey.example.cn/s/AbCdEfGhJkLm",
      closesAt: new Date("2026-11-25T10:00:00Z"),
    });
    expect(text).toBe(
      [
        "【玉泉区义务教育优质均衡发展社会认可度问卷调查】",
        "各位学生家长，您好！",
        "玉泉区正在开展义务教育优质均衡发展社会认可度问卷调查，诚邀您参加。本问卷为社会卷（玉泉区示例实验小学），匿名填写，无需登录，约 3 分钟，请根据您的真实感受作答。",
        "填写链接：https://survey.example.cn/s/AbCdEfGhJkLm",
        "截止时间：2026年11月25日 18:00（北京时间）",
        "感谢您的支持！",
      ].join("\n"),
    );
  });

  it("addresses the county-level link to deputies and the public", () => {
    const text = wechatMessage({ countyName: "玉泉区", schoolName: null, familyTitle: "社会卷", audience: linkAudience("social", true), url: "u", closesAt: "2026-11-25T10:00:00Z" });
    expect(text).toContain("各位人大代表、政协委员及社会各界朋友，您好！");
    expect(text).toContain("本问卷为社会卷（玉泉区（全旗县区））");
  });

  it("never tells people what to answer", () => {
    const text = wechatMessage({ countyName: "玉泉区", schoolName: "某校", familyTitle: "学生卷", url: "u", closesAt: new Date() });
    expect(text).toContain("各位朋友，您好！");
    expect(text).not.toMatch(/满意|认可(?!度)|好评/);
  });

  it("lays out the poster lines", () => {
    const p = posterText({ countyName: "玉泉区", schoolName: "玉泉区示例第一中学", family: "staff", url: "https://x/s/abc", opensAt: new Date("2026-11-20T00:00:00Z"), closesAt: new Date("2026-11-25T10:00:00Z") });
    expect(p).toMatchObject({
      heading: "玉泉区义务教育优质均衡发展社会认可度调查",
      scope: "玉泉区示例第一中学",
      questionnaire: "校长教师卷",
      audience: "适用对象：校长、教师",
      window: "调查时间：2026年11月20日 08:00 至 2026年11月25日 18:00",
      instruction: "微信扫一扫，匿名填写，约 3 分钟",
      url: "https://x/s/abc",
    });
  });
});
