/**
 * 呼和浩特市关于推进县域义务教育优质均衡发展责任清单 (34 items), the annex of the Hohhot plan
 * (seed S1, /work/shared/seed/000_8bc3431222118eb2.txt), mapped to the indicator codes of
 * docs/domain-spec.md §1 (R1–R7, G1–G15, Q1–Q9, S, X1–X4).
 *
 * `text` is the seed wording (its half-width punctuation kept) with only the character-loss repairs of
 * domain-spec §1.8 applied. Omissions of the Hohhot list (the 6-of-7/85% rule, the CV limits, the 85% bar
 * of 社会认可度) are NOT added to the text: they live in national-thresholds.ts with their source tags.
 * Item 21 keeps Hohhot's 60% (the national text says 50%; see national-thresholds.ts G14).
 */

export type IndicatorPart = "resource" | "guarantee" | "quality" | "recognition" | "veto";

export interface ResponsibilityItem {
  /** 1..34, the Hohhot 责任清单 number. */
  listNo: number;
  /** domain-spec codes covered by this item. */
  codes: string[];
  part: IndicatorPart;
  /** Short Chinese name. */
  name: string;
  /** The list's task text, character-loss repairs applied. */
  text: string;
  /** 责任科室/直属单位 exactly as in the seed. */
  sections: string[];
  /** When text was repaired: what and why. */
  repairNote?: string;
}

export const INDICATOR_PART_LABELS: Readonly<Record<IndicatorPart, string>> = {
  resource: "资源配置",
  guarantee: "政府保障程度",
  quality: "教育质量",
  recognition: "社会认可度",
  veto: "一票否决",
};

export const RESPONSIBILITY_LIST: readonly ResponsibilityItem[] = [
  {
    listNo: 1,
    codes: ["R1"],
    part: "resource",
    name: "每百名学生拥有高于规定学历教师数",
    text: "每百名学生拥有高于规定学历教师数:小学、初中分别达到4.2人以上、5.3人以上。",
    sections: ["人事科"],
  },
  {
    listNo: 2,
    codes: ["R2"],
    part: "resource",
    name: "每百名学生拥有县级以上骨干教师数",
    text: "每百名学生拥有县级以上骨干教师数:小学、初中均达到1人以上。",
    sections: ["师训科", "教研室"],
  },
  {
    listNo: 3,
    codes: ["R3"],
    part: "resource",
    name: "每百名学生拥有体育、艺术（美术、音乐）专任教师数",
    text: "每百名学生拥有体育、艺术(美术、音乐)专任教师数:小学、初中均达到0.9人以上。",
    sections: ["人事科", "体卫艺术科"],
  },
  {
    listNo: 4,
    codes: ["R4"],
    part: "resource",
    name: "生均教学及辅助用房面积",
    text: "生均教学及辅助用房面积:小学、初中分别达到4.5平方米以上、5.8平方米以上。",
    sections: ["财务与规划科"],
  },
  {
    listNo: 5,
    codes: ["R5"],
    part: "resource",
    name: "生均体育运动场馆面积",
    text: "生均体育运动场馆面积:小学、初中分别达到7.5平方米以上、10.2平方米以上。",
    sections: ["财务与规划科"],
  },
  {
    listNo: 6,
    codes: ["R6"],
    part: "resource",
    name: "生均教学仪器设备值",
    text: "生均教学仪器设备值:小学、初中分别达到2000元以上、2500元以上。",
    sections: ["教学装备技术中心"],
  },
  {
    listNo: 7,
    codes: ["R7"],
    part: "resource",
    name: "每百名学生拥有网络多媒体教室数",
    text: "每百名学生拥有网络多媒体教室数:小学、初中分别达到2.3间以上、2.4间以上。",
    sections: ["电教馆"],
  },
  {
    listNo: 8,
    codes: ["G1"],
    part: "guarantee",
    name: "学校规划布局合理",
    text: "县域内义务教育学校规划布局合理,符合国家规定要求。",
    sections: ["财务与规划科"],
  },
  {
    listNo: 9,
    codes: ["G2"],
    part: "guarantee",
    name: "城乡学校“四统一”",
    text: "县域内城乡义务教育学校建设标准统一、教师编制标准统一、生均公用经费基准定额统一、基本装备配置标准统一。",
    sections: ["人事科", "财务与规划科", "教学装备技术中心"],
  },
  {
    listNo: 10,
    codes: ["G3"],
    part: "guarantee",
    name: "音乐、美术专用教室配备",
    text: "所有小学、初中每12个班级配备音乐、美术专用教室1间以上;其中,每间音乐专用教室面积不小于96平方米,每间美术专用教室面积不小于90平方米。",
    sections: ["财务与规划科"],
  },
  {
    listNo: 11,
    codes: ["G4"],
    part: "guarantee",
    name: "学校规模",
    text: "所有小学、初中规模不超过2000人,九年一贯制学校、十二年一贯制学校义务教育阶段规模不超过2500人。",
    sections: ["基教科", "民族教育科"],
  },
  {
    listNo: 12,
    codes: ["G5"],
    part: "guarantee",
    name: "班级学生数（班额）",
    text: "小学、初中所有班级学生数分别不超过45人、50人。",
    sections: ["基教科", "民族教育科"],
  },
  {
    listNo: 13,
    codes: ["G6"],
    part: "guarantee",
    name: "小规模学校按100名学生核定公用经费",
    text: "不足100名学生村小学和教学点按100名学生核定公用经费。",
    sections: ["财务与规划科"],
  },
  {
    listNo: 14,
    codes: ["G7"],
    part: "guarantee",
    name: "特殊教育学校生均公用经费",
    text: "特殊教育学校生均公用经费不低于6000元。",
    sections: ["财务与规划科"],
  },
  {
    listNo: 15,
    codes: ["G8"],
    part: "guarantee",
    name: "教师平均工资收入水平",
    text: "全县义务教育学校教师平均工资收入水平不低于当地公务员平均工资收入水平,按规定足额核定教师绩效工资总量。",
    sections: ["人事科"],
  },
  {
    listNo: 16,
    codes: ["G9"],
    part: "guarantee",
    name: "教师5年360学时培训完成率",
    text: "教师5年360学时培训完成率达到100%",
    sections: ["师训科"],
    repairNote: "原文为“教师5360学时”，“年”字缺失；按国家办法补为“教师5年360学时”（domain-spec §1.8）。",
  },
  {
    listNo: 17,
    codes: ["G10"],
    part: "guarantee",
    name: "统筹分配教职工编制和岗位",
    text: "县级教育行政部门在核定的教职工编制总额和岗位总量内,统筹分配各校教职工编制和岗位数量。",
    sections: ["人事科"],
  },
  {
    listNo: 18,
    codes: ["G11"],
    part: "guarantee",
    name: "教师交流轮岗比例",
    text: "全县每年交流轮岗教师的比例不低于符合交流条件教师总数的10%;其中,骨干教师不低于交流轮岗教师总数的20%",
    sections: ["人事科"],
  },
  {
    listNo: 19,
    codes: ["G12"],
    part: "guarantee",
    name: "专任教师持证上岗率",
    text: "专任教师持有教师资格证上岗率达到100%",
    sections: ["人事科"],
  },
  {
    listNo: 20,
    codes: ["G13"],
    part: "guarantee",
    name: "就近划片入学比例",
    text: "城区和镇区公办小学、初中(均不含寄宿制学校)就近划片入学比例分别达到100%、95%以上。",
    sections: ["基教科", "民族教育科"],
    repairNote: "原文为“分别达到100%95%以上”，顿号缺失；补为“100%、95%以上”（小学100%、初中95%，domain-spec §1.8）。",
  },
  {
    listNo: 21,
    codes: ["G14"],
    part: "guarantee",
    name: "优质高中招生名额分配比例",
    text: "全县优质高中招生名额分配比例不低于60%,并向农村初中倾斜。",
    sections: ["基教科"],
  },
  {
    listNo: 22,
    codes: ["G15"],
    part: "guarantee",
    name: "留守儿童关爱与随迁子女就读",
    text: "留守儿童关爱体系健全,全县符合条件的随迁子女在公办学校和政府购买服务的民办学校就读的比例不低于85%",
    sections: ["基教科", "民办教育中心"],
  },
  {
    listNo: 23,
    codes: ["Q1"],
    part: "quality",
    name: "初中三年巩固率",
    text: "全县初中三年巩固率达到95%以上。",
    sections: ["基教科"],
  },
  {
    listNo: 24,
    codes: ["Q2"],
    part: "quality",
    name: "残疾儿童少年入学率",
    text: "全县残疾儿童少年入学率达到95%以上。",
    sections: ["基教科"],
  },
  {
    listNo: 25,
    codes: ["Q3"],
    part: "quality",
    name: "学校章程与管理教学信息化",
    text: "所有学校制定章程,实现学校管理与教学信息化。",
    sections: ["基教科", "电教馆"],
  },
  {
    listNo: 26,
    codes: ["Q4"],
    part: "quality",
    name: "教师培训经费占公用经费比例",
    text: "全县所有学校按照不低于学校年度公用经费预算总额的5%安排教师培训经费。",
    sections: ["师训科", "财务与规划科"],
  },
  {
    listNo: 27,
    codes: ["Q5"],
    part: "quality",
    name: "信息化教学与设施设备利用",
    text: "教师能熟练运用信息化手段组织教学,设施设备利用率达到较高水平。",
    sections: ["电教馆", "教学装备技术中心"],
  },
  {
    listNo: 28,
    codes: ["Q6"],
    part: "quality",
    name: "德育工作与校园文化建设",
    text: "所有学校德育工作、校园文化建设水平达到良好以上。",
    sections: ["基教科", "青少年工作科"],
  },
  {
    listNo: 29,
    codes: ["Q7"],
    part: "quality",
    name: "课程开齐开足与综合实践活动",
    text: "课程开齐开足,教学秩序规范,综合实践活动有效开展。",
    sections: ["基教科", "民族教育科", "体卫艺术科", "教研室"],
  },
  {
    listNo: 30,
    codes: ["Q8"],
    part: "quality",
    name: "无过重课业负担",
    text: "无过重课业负担。",
    sections: ["基教科"],
  },
  {
    listNo: 31,
    codes: ["Q9"],
    part: "quality",
    name: "国家义务教育质量监测结果",
    text: "在国家义务教育质量监测中,相关科目学生学业水平达到Ⅲ级以上,且校际差异率低于0.15",
    sections: ["督导室"],
    repairNote: "原文为“达到级以上”，等级数字缺失；按国家办法补为“Ⅲ级以上”（domain-spec §1.8，[M] 待核）。",
  },
  {
    listNo: 32,
    codes: ["S"],
    part: "recognition",
    name: "社会认可度",
    text: "社会认可度调查的内容包括:县级人民政府及有关职能部门落实教育公平政策、推动优质资源共享,以及义务教育学校规范办学行为、实施素质教育、考试评估制度改革、提高教育质量等方面取得的成效。社会认可度调查的对象包括:学生、家长、教师、校长、人大代表、政协委员及其他群众。",
    sections: ["督导室"],
  },
  {
    listNo: 33,
    codes: ["X1", "X2", "X3"],
    part: "veto",
    name: "不以考试方式招生、不违规择校、不设重点校重点班",
    text: "不得以考试方式招生;不得有违规择校行为;不得存在重点学校或重点班。",
    sections: ["基教科", "民办教育中心", "民族教育科"],
  },
  {
    listNo: 34,
    codes: ["X4"],
    part: "veto",
    name: "“有编不补”或长期聘用编外教师",
    text: "存在“有编不补”或长期聘用编外教师的情况。",
    sections: ["人事科"],
    repairNote: "原文为「“有编不补或长期聘用编外教师的情况。」，只有前引号，且句首“存在”二字缺失；按 domain-spec §1.5 X4 补为「存在“有编不补”或长期聘用编外教师的情况。」。",
  },
];

/** Distinct 责任科室/直属单位 in order of first appearance in the list. */
export const RESPONSIBLE_SECTIONS: readonly string[] = [
  ...new Set(RESPONSIBILITY_LIST.flatMap((item) => item.sections)),
];

/** The list item covering an indicator code (R1…X4), or undefined. Units: none. */
export function itemForCode(code: string): ResponsibilityItem | undefined {
  return RESPONSIBILITY_LIST.find((item) => item.codes.includes(code));
}

/** 责任科室/直属单位 of an indicator code; [] for a code not in the list (e.g. X5–X7, C1). Units: none. */
export function sectionsForCode(code: string): string[] {
  return [...(itemForCode(code)?.sections ?? [])];
}
