// The demo: 呼和浩特市, its 9 旗县区 with the plan years of the seed document (2022 玉泉区·武川县;
// 2023 清水河县; 2024 赛罕区·新城区; 2025 土默特左旗·回民区; 2026 和林格尔县·托克托县), and clearly
// fictional schools (every name contains "示例"). Populations are rounded demo figures of the
// right order of magnitude, not official statistics. Shared by the seed and the tests.
import type { CountyStage } from "#app/domain/county-stage";
import type { SchoolKind, UrbanRural } from "#app/domain/school-kinds";
import type { Role } from "#app/domain/access";
import demoAccounts from "./demo-accounts.json";

export const DEMO_CITY = { code: "150100", name: "呼和浩特市" };

export interface DemoCounty {
  code: string;
  name: string;
  residentPopulation: number;
  targetYear: number;
  stage: CountyStage;
  /** Dates (yyyy-mm-dd, Asia/Shanghai) of the stages reached. */
  stageDates?: Partial<Record<CountyStage, string>>;
  /** How many schools of each kind the demo gives the county. */
  size: "large" | "medium" | "small";
  urbanShare: "urban" | "mixed" | "rural";
}

export const DEMO_COUNTIES: DemoCounty[] = [
  { code: "150104", name: "玉泉区", residentPopulation: 447_000, targetYear: 2022, stage: "province_assessment", stageDates: { self_assessment: "2022-05-10", city_review: "2022-09-20", province_assessment: "2023-04-12" }, size: "medium", urbanShare: "urban" },
  { code: "150125", name: "武川县", residentPopulation: 105_000, targetYear: 2022, stage: "national_recognition", stageDates: { self_assessment: "2022-04-15", city_review: "2022-08-30", province_assessment: "2023-10-18", national_recognition: "2025-03-18" }, size: "small", urbanShare: "rural" },
  { code: "150124", name: "清水河县", residentPopulation: 92_000, targetYear: 2023, stage: "city_review", stageDates: { self_assessment: "2023-06-01", city_review: "2024-03-20" }, size: "small", urbanShare: "rural" },
  { code: "150105", name: "赛罕区", residentPopulation: 905_000, targetYear: 2024, stage: "self_assessment", stageDates: { self_assessment: "2024-05-08" }, size: "large", urbanShare: "mixed" },
  { code: "150102", name: "新城区", residentPopulation: 776_000, targetYear: 2024, stage: "self_assessment", stageDates: { self_assessment: "2024-06-12" }, size: "large", urbanShare: "urban" },
  { code: "150121", name: "土默特左旗", residentPopulation: 323_000, targetYear: 2025, stage: "self_assessment", stageDates: { self_assessment: "2025-09-01" }, size: "medium", urbanShare: "rural" },
  { code: "150103", name: "回民区", residentPopulation: 449_000, targetYear: 2025, stage: "not_started", size: "medium", urbanShare: "urban" },
  { code: "150123", name: "和林格尔县", residentPopulation: 196_000, targetYear: 2026, stage: "not_started", size: "medium", urbanShare: "rural" },
  { code: "150122", name: "托克托县", residentPopulation: 195_000, targetYear: 2026, stage: "not_started", size: "small", urbanShare: "rural" },
];

export interface DemoSchool {
  code: string;
  name: string;
  kind: SchoolKind;
  urbanRural: UrbanRural;
  boarding: boolean;
  ownership: "public" | "private";
  enrolment: number;
  centralSchoolCode?: string;
}

type Plan = { kind: SchoolKind; name: string; enrolment: number; boarding?: boolean; ownership?: "public" | "private"; area?: UrbanRural; teachingPointOf?: number };

// A county's schools: the same recognisable pattern everywhere, scaled by size, so each county
// has every kind (小学, 初中, 九年一贯制, 十二年一贯制 or 完全中学, 教学点 with its 中心校, 特殊教育学校).
function plan(size: DemoCounty["size"]): Plan[] {
  const base: Plan[] = [
    { kind: "primary", name: "示例实验小学", enrolment: 1860 },
    { kind: "primary", name: "示例第二小学", enrolment: 1240 },
    { kind: "primary", name: "示例中心小学", enrolment: 620, area: "rural", boarding: true },
    { kind: "teaching_point", name: "示例中心小学沙梁教学点", enrolment: 38, area: "rural", teachingPointOf: 2 },
    { kind: "teaching_point", name: "示例中心小学东沟教学点", enrolment: 64, area: "rural", teachingPointOf: 2 },
    { kind: "junior", name: "示例第一中学", enrolment: 1520 },
    { kind: "junior", name: "示例第三中学", enrolment: 910, area: "town", boarding: true },
    { kind: "nine_year", name: "示例九年一贯制学校", enrolment: 1480, area: "town" },
    { kind: "complete_secondary", name: "示例完全中学", enrolment: 1350 },
    { kind: "special", name: "示例特殊教育学校", enrolment: 96, boarding: true },
  ];
  const medium: Plan[] = [
    { kind: "primary", name: "示例第三小学", enrolment: 980, area: "town" },
    { kind: "primary", name: "示例民族小学", enrolment: 560 },
    { kind: "twelve_year", name: "示例十二年一贯制学校", enrolment: 2100 },
    { kind: "primary", name: "示例阳光小学", enrolment: 720, ownership: "private" },
  ];
  const large: Plan[] = [
    { kind: "primary", name: "示例第四小学", enrolment: 1780 },
    { kind: "primary", name: "示例第五小学", enrolment: 1420 },
    { kind: "junior", name: "示例第八中学", enrolment: 1650 },
    { kind: "nine_year", name: "示例育才学校", enrolment: 2280 },
    { kind: "primary", name: "示例新区小学", enrolment: 1100, area: "town" },
  ];
  return size === "small" ? base : size === "medium" ? [...base, ...medium] : [...base, ...medium, ...large];
}

/** The demo schools of one county; codes are 2 + 行政区划代码 + 3-digit serial (10 digits). */
export function demoSchools(county: DemoCounty): DemoSchool[] {
  const items = plan(county.size);
  const defaultArea: UrbanRural = county.urbanShare === "rural" ? "town" : "urban";
  const code = (i: number) => `2${county.code}${String(i + 1).padStart(3, "0")}`;
  return items.map((p, i) => ({
    code: code(i),
    name: `${county.name}${p.name}`,
    kind: p.kind,
    urbanRural: p.area ?? defaultArea,
    boarding: p.boarding ?? false,
    ownership: p.ownership ?? "public",
    enrolment: p.enrolment,
    ...(p.teachingPointOf !== undefined ? { centralSchoolCode: code(p.teachingPointOf) } : {}),
  }));
}

export interface DemoUser {
  login: string;
  displayName: string;
  role: Role;
  password: string;
  countyCode?: string;
  inspectorCountyCodes?: string[];
}

/** One demo account per role (plus a second county admin, to show two counties apart). Demo passwords
 * only; the list is JSON so that the start script can print it without a TypeScript loader. */
export const DEMO_USERS: DemoUser[] = demoAccounts as DemoUser[];
