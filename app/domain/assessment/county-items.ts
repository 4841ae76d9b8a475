/**
 * County-level items of 政府保障程度 (G1, G2, G6–G15) and 教育质量 (Q1–Q3, Q5–Q8) — domain-spec §1.2, §1.3.
 * Ratios are percentages compared with the profile's thresholds; qualitative items are 达标/不达标 judgements
 * with an evidence note. The all-schools items G3–G5 and Q4 are in school-items.ts, Q9 in
 * quality-monitoring.ts.
 */
import { isNumber, percent, ratio } from "./compare";
import { allOfResult, everySchoolResult, judgementResult, numericResult, type IndicatorResult, type Judgement } from "./indicator-result";
import { effectiveThreshold, thresholdValue, type PolicyProfile } from "./policy-profile";

type N = number | null | undefined;

export interface SmallSchoolFunding {
  name: string;
  /** 在校生数 (人). */
  students: N;
  /** 核定（拨付）的年度公用经费 (元). */
  allocatedPublicFunds: N;
  /** 生均公用经费基准定额 (元/生), e.g. 650 for 小学 in Inner Mongolia (S30). */
  benchmarkPerStudent: N;
}

export interface CountyItemsInput {
  G1?: Judgement;
  G2?: Judgement;
  /** All 村小学 and 教学点 (those with fewer than 100 students are checked); [] = none in the county. */
  G6?: SmallSchoolFunding[] | null;
  G7?: { publicFunds: N; students: N };
  G8?: { teacherAveragePay: N; civilServantAveragePay: N; performancePayInFull?: Judgement };
  G9?: { completed: N; required: N };
  G10?: Judgement;
  G11?: { rotated: N; eligible: N; backboneRotated: N };
  G12?: { certified: N; teachers: N };
  /** 城区和镇区公办、非寄宿制学校: 就近划片入学新生 / 招生数. */
  G13?: { primary: { nearby: N; enrolled: N }; junior: { nearby: N; enrolled: N } };
  G14?: { allocated: N; plan: N; ruralTilt?: Judgement };
  G15?: { inPublicOrPurchased: N; eligible: N; leftBehindCare?: Judgement };
  /** 初三在校生数 / 该年级初一入学人数 (adjusted for 转入/转出/死亡 per local statistics rules). */
  Q1?: { retained: N; cohort: N };
  /** 入学（特教学校 + 随班就读 + 送教上门）/ 适龄残疾儿童少年. */
  Q2?: { enrolled: N; population: N };
  Q3?: Judgement;
  Q5?: Judgement;
  Q6?: Judgement;
  Q7?: Judgement;
  Q8?: Judgement;
}

const COUNTY = "全县";

/** The qualitative items and their formula text. */
const JUDGEMENT_ITEMS = {
  G1: { name: "学校规划布局合理", formula: "专家依据布局规划、服务半径、新建小区配套学校等佐证材料判定是否符合国家规定要求" },
  G2: { name: "城乡学校“四统一”", formula: "建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准城乡统一，依据县级文件判定" },
  G10: { name: "统筹分配教职工编制和岗位", formula: "在核定的编制总额和岗位总量内统筹分配各校编制和岗位（“县管校聘”文件），专家判定" },
  Q3: { name: "学校章程与管理教学信息化", formula: "所有学校制定章程，实现学校管理与教学信息化，依据各校章程及信息系统使用情况判定" },
  Q5: { name: "信息化教学与设施设备利用", formula: "教师熟练运用信息化手段组织教学、设施设备利用率达到较高水平，实地核查判定" },
  Q6: { name: "德育工作与校园文化建设", formula: "所有学校德育工作、校园文化建设水平达到“良好”以上，依据评定结果判定" },
  Q7: { name: "课程开齐开足与综合实践活动", formula: "课程表对照国家课程方案开齐开足，教学秩序规范，综合实践活动有效开展，实地核查判定" },
  Q8: { name: "无过重课业负担", formula: "对照作业管理（“双减”）规定，核查是否存在过重课业负担" },
} as const;
export type JudgementItemCode = keyof typeof JUDGEMENT_ITEMS;

/** A qualitative item (G1, G2, G10, Q3, Q5–Q8): 达标 / 不达标 / 数据缺失. Unit: none (value 1/0). */
export function checkJudgementItem(code: JudgementItemCode, judgement: Judgement | undefined): IndicatorResult {
  return judgementResult({ code, name: JUDGEMENT_ITEMS[code].name, subject: COUNTY, judgement, formula: JUDGEMENT_ITEMS[code].formula });
}

/**
 * G6: every 村小学/教学点 with fewer than 100 students gets 公用经费 ≥ 100 × 生均基准定额.
 * Units: 元 per school; the county row is the share of such schools that comply (%).
 */
export function checkSmallSchoolFunding(schools: SmallSchoolFunding[] | null | undefined, profile: PolicyProfile): IndicatorResult {
  const name = "小规模学校按100名学生核定公用经费";
  const funded = thresholdValue(profile, "G6.fundedStudents");
  const formula = `不足${funded}名学生的村小学和教学点：核定公用经费 ≥ ${funded} × 生均公用经费基准定额`;
  if (!schools) return judgementResult({ code: "G6", name, subject: COUNTY, judgement: null, formula, note: "数据缺失：未提供村小学和教学点的公用经费数据" });
  const small = schools.filter((s) => !isNumber(s.students) || (s.students > 0 && s.students < funded));
  if (small.length === 0) {
    return { ...judgementResult({ code: "G6", name, subject: COUNTY, judgement: { met: true }, formula }), note: `无不足${funded}名学生的村小学和教学点` };
  }
  const parts = small.map((s) => {
    const standard = isNumber(s.benchmarkPerStudent) ? funded * s.benchmarkPerStudent : null;
    const result = numericResult(
      {
        code: "G6",
        name: "核定公用经费",
        subject: s.name,
        value: isNumber(s.students) && standard !== null ? s.allocatedPublicFunds : null,
        threshold: { value: standard ?? 0, unit: "元", comparison: "gte" },
        inputs: { 在校生数: s.students, "核定公用经费（元）": s.allocatedPublicFunds, "生均基准定额（元）": s.benchmarkPerStudent },
        formula: `核定公用经费 ≥ ${funded} × 生均基准定额`,
      },
      profile,
    );
    if (standard === null) result.standard = null;
    return result;
  });
  return everySchoolResult({ code: "G6", name, formula, parts }, profile);
}

/** G7: 特殊教育学校公用经费 ÷ 特教在校生 ≥ 6000 元/生. Unit: 元/生. */
export function checkSpecialSchoolFunding(input: CountyItemsInput["G7"], profile: PolicyProfile): IndicatorResult {
  return numericResult(
    {
      code: "G7",
      name: "特殊教育学校生均公用经费",
      subject: COUNTY,
      value: ratio(input?.publicFunds, input?.students),
      threshold: effectiveThreshold(profile, "G7.specialPublicFunds"),
      inputs: { "特殊教育学校公用经费（元）": input?.publicFunds, 特殊教育学校在校生数: input?.students },
      formula: "特殊教育学校公用经费 ÷ 特殊教育学校在校生数",
    },
    profile,
  );
}

/** G8: 教师平均工资收入 ≥ 当地公务员平均工资收入 (as 100 × ratio ≥ 100%) and 绩效工资总量足额核定. Unit: %. */
export function checkTeacherPay(input: CountyItemsInput["G8"], profile: PolicyProfile): IndicatorResult {
  const pay = numericResult(
    {
      code: "G8",
      name: "教师平均工资收入与公务员平均工资收入之比",
      subject: COUNTY,
      value: percent(input?.teacherAveragePay, input?.civilServantAveragePay),
      threshold: effectiveThreshold(profile, "G8.payRatio"),
      inputs: { "教师平均工资收入（元）": input?.teacherAveragePay, "当地公务员平均工资收入（元）": input?.civilServantAveragePay },
      formula: "100 × 教师平均工资收入 ÷ 当地公务员平均工资收入",
    },
    profile,
  );
  const performance = judgementResult({
    code: "G8",
    name: "按规定足额核定教师绩效工资总量",
    subject: COUNTY,
    judgement: input?.performancePayInFull,
    formula: "依据人社、财政核定文件判定",
  });
  return allOfResult({ code: "G8", name: "教师平均工资收入水平", subject: COUNTY, formula: "教师平均工资收入不低于当地公务员，且足额核定绩效工资总量", parts: [pay, performance] });
}

/** A county percentage: 100 × numerator ÷ denominator against a threshold. Unit: %. */
function countyPercent(
  profile: PolicyProfile,
  spec: { code: string; name: string; key: Parameters<typeof effectiveThreshold>[1]; numerator: [string, N]; denominator: [string, N] },
): IndicatorResult {
  return numericResult(
    {
      code: spec.code,
      name: spec.name,
      subject: COUNTY,
      value: percent(spec.numerator[1], spec.denominator[1]),
      threshold: effectiveThreshold(profile, spec.key),
      inputs: { [spec.numerator[0]]: spec.numerator[1], [spec.denominator[0]]: spec.denominator[1] },
      formula: `100 × ${spec.numerator[0]} ÷ ${spec.denominator[0]}`,
    },
    profile,
  );
}

/** G9: 5年360学时培训完成率 = 100%. Unit: %. */
export function checkTrainingCompletion(input: CountyItemsInput["G9"], profile: PolicyProfile): IndicatorResult {
  return countyPercent(profile, {
    code: "G9",
    name: "教师5年360学时培训完成率",
    key: "G9.trainingCompletion",
    numerator: ["完成360学时培训的教师数", input?.completed],
    denominator: ["应参训教师数", input?.required],
  });
}

/** G11: 交流轮岗 ≥ 10% of 符合条件教师, 骨干教师 ≥ 20% of 交流轮岗教师. Unit: %. */
export function checkTeacherRotation(input: CountyItemsInput["G11"], profile: PolicyProfile): IndicatorResult {
  const rotation = countyPercent(profile, {
    code: "G11",
    name: "交流轮岗教师比例",
    key: "G11.rotation",
    numerator: ["交流轮岗教师数", input?.rotated],
    denominator: ["符合交流条件教师数", input?.eligible],
  });
  const backbone = countyPercent(profile, {
    code: "G11",
    name: "骨干教师占交流轮岗教师比例",
    key: "G11.backbone",
    numerator: ["交流轮岗骨干教师数", input?.backboneRotated],
    denominator: ["交流轮岗教师数", input?.rotated],
  });
  return allOfResult({ code: "G11", name: "教师交流轮岗比例", subject: COUNTY, formula: "交流轮岗比例与骨干教师比例均达到标准", parts: [rotation, backbone] });
}

/** G12: 专任教师持证上岗率 = 100%. Unit: %. */
export function checkCertification(input: CountyItemsInput["G12"], profile: PolicyProfile): IndicatorResult {
  return countyPercent(profile, {
    code: "G12",
    name: "专任教师持证上岗率",
    key: "G12.certified",
    numerator: ["持有教师资格证的专任教师数", input?.certified],
    denominator: ["专任教师数", input?.teachers],
  });
}

/** G13: 就近划片入学比例, 小学 = 100%, 初中 ≥ 95% (城区、镇区公办非寄宿制学校). Unit: %. */
export function checkNearbyEnrolment(input: CountyItemsInput["G13"], profile: PolicyProfile): IndicatorResult {
  const parts = (["primary", "junior"] as const).map((stage) =>
    countyPercent(profile, {
      code: "G13",
      name: `${stage === "primary" ? "小学" : "初中"}就近划片入学比例`,
      key: `G13.${stage}`,
      numerator: ["就近划片入学新生数", input?.[stage]?.nearby],
      denominator: ["招生数", input?.[stage]?.enrolled],
    }),
  );
  return allOfResult({ code: "G13", name: "就近划片入学比例", subject: COUNTY, formula: "城区和镇区公办小学、初中（均不含寄宿制学校）100 × 就近划片入学新生数 ÷ 招生数", parts });
}

/** G14: 优质高中招生名额分配到初中的比例 ≥ 50% (Hohhot 60%), and a rural tilt (judgement). Unit: %. */
export function checkQuotaAllocation(input: CountyItemsInput["G14"], profile: PolicyProfile): IndicatorResult {
  const share = countyPercent(profile, {
    code: "G14",
    name: "优质高中招生名额分配比例",
    key: "G14.allocation",
    numerator: ["分配到初中的名额数", input?.allocated],
    denominator: ["优质高中招生计划数", input?.plan],
  });
  const tilt = judgementResult({ code: "G14", name: "名额分配向农村初中倾斜", subject: COUNTY, judgement: input?.ruralTilt, formula: "依据名额分配方案判定" });
  return allOfResult({ code: "G14", name: "优质高中招生名额分配比例", subject: COUNTY, formula: "名额分配比例达到标准，并向农村初中倾斜", parts: [share, tilt] });
}

/** G15: 随迁子女在公办学校和政府购买服务的民办学校就读比例 ≥ 85%, and 留守儿童关爱体系健全. Unit: %. */
export function checkMigrantChildren(input: CountyItemsInput["G15"], profile: PolicyProfile): IndicatorResult {
  const share = countyPercent(profile, {
    code: "G15",
    name: "随迁子女在公办学校和政府购买服务的民办学校就读比例",
    key: "G15.migrantChildren",
    numerator: ["在公办学校和政府购买学位民办学校就读的随迁子女数", input?.inPublicOrPurchased],
    denominator: ["符合条件的随迁子女数", input?.eligible],
  });
  const care = judgementResult({ code: "G15", name: "留守儿童关爱体系健全", subject: COUNTY, judgement: input?.leftBehindCare, formula: "依据留守儿童关爱台账和制度判定" });
  return allOfResult({ code: "G15", name: "留守儿童关爱与随迁子女就读", subject: COUNTY, formula: "关爱体系健全，且随迁子女就读比例达到标准", parts: [share, care] });
}

/** Q1: 初中三年巩固率 ≥ 95%. Unit: %. */
export function checkRetention(input: CountyItemsInput["Q1"], profile: PolicyProfile): IndicatorResult {
  return countyPercent(profile, {
    code: "Q1",
    name: "初中三年巩固率",
    key: "Q1.retention",
    numerator: ["初三在校生数", input?.retained],
    denominator: ["该年级初一入学人数", input?.cohort],
  });
}

/** Q2: 残疾儿童少年入学率 ≥ 95%. Unit: %. */
export function checkDisabledEnrolment(input: CountyItemsInput["Q2"], profile: PolicyProfile): IndicatorResult {
  return countyPercent(profile, {
    code: "Q2",
    name: "残疾儿童少年入学率",
    key: "Q2.disabledEnrolment",
    numerator: ["入学残疾儿童少年数（含随班就读、送教上门）", input?.enrolled],
    denominator: ["适龄残疾儿童少年数", input?.population],
  });
}

/** G1, G2, G6–G15 in code order (G3–G5 come from school-items.ts). Units and rounding as in each check. */
export function assessCountyGuarantee(input: CountyItemsInput, profile: PolicyProfile): IndicatorResult[] {
  return [
    checkJudgementItem("G1", input.G1),
    checkJudgementItem("G2", input.G2),
    checkSmallSchoolFunding(input.G6, profile),
    checkSpecialSchoolFunding(input.G7, profile),
    checkTeacherPay(input.G8, profile),
    checkTrainingCompletion(input.G9, profile),
    checkJudgementItem("G10", input.G10),
    checkTeacherRotation(input.G11, profile),
    checkCertification(input.G12, profile),
    checkNearbyEnrolment(input.G13, profile),
    checkQuotaAllocation(input.G14, profile),
    checkMigrantChildren(input.G15, profile),
  ];
}

/** Q1–Q3, Q5–Q8 in code order (Q4 comes from school-items.ts, Q9 from quality-monitoring.ts). Units and rounding as in each check. */
export function assessCountyQuality(input: CountyItemsInput, profile: PolicyProfile): IndicatorResult[] {
  return [
    checkRetention(input.Q1, profile),
    checkDisabledEnrolment(input.Q2, profile),
    checkJudgementItem("Q3", input.Q3),
    checkJudgementItem("Q5", input.Q5),
    checkJudgementItem("Q6", input.Q6),
    checkJudgementItem("Q7", input.Q7),
    checkJudgementItem("Q8", input.Q8),
  ];
}
