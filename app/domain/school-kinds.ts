/**
 * School classification used everywhere (data model, roster import, assessment).
 * Codes are English and stable (stored in the database); labels are the Chinese terms users see.
 */
export const SCHOOL_KINDS = {
  primary: "小学",
  junior: "初中",
  nine_year: "九年一贯制",
  twelve_year: "十二年一贯制",
  complete_secondary: "完全中学",
  teaching_point: "教学点",
  special: "特殊教育学校",
} as const;
export type SchoolKind = keyof typeof SCHOOL_KINDS;
export const SCHOOL_KIND_CODES = Object.keys(SCHOOL_KINDS) as SchoolKind[];

/** 城乡分类 of the national statistics (城区/镇区/乡村). */
export const URBAN_RURAL = { urban: "城区", town: "镇区", rural: "乡村" } as const;
export type UrbanRural = keyof typeof URBAN_RURAL;
export const URBAN_RURAL_CODES = Object.keys(URBAN_RURAL) as UrbanRural[];

/** 办学性质. */
export const OWNERSHIP = { public: "公办", private: "民办" } as const;
export type Ownership = keyof typeof OWNERSHIP;
export const OWNERSHIP_CODES = Object.keys(OWNERSHIP) as Ownership[];

/** Reverse lookup: Chinese label → code (undefined when the label is unknown). */
export function codeForLabel<T extends Record<string, string>>(map: T, label: string): keyof T | undefined {
  const wanted = label.trim();
  return (Object.keys(map) as (keyof T)[]).find((code) => map[code] === wanted);
}

/** 学校标识码: the 10-digit identifier of the national education statistics. */
export const SCHOOL_CODE_PATTERN = /^\d{10}$/;
