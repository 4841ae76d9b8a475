// Demo statistics snapshots (prisma/demo-statistics.ts) and one assessment run per county that has
// them, through the same model code as the 评估 page, so the assessment pages have results to show.
import type { SchoolKind, UrbanRural } from "#app/domain/school-kinds";
import { runAssessment } from "#app/models/assessment.server";
import { ensurePolicyVersions } from "#app/models/policy.server";
import { prisma } from "#app/utils/db.server";
import { demoStatisticsSnapshots } from "./demo-statistics";

const by = { id: "", login: "演示数据" };

export async function seedDemoStatistics(): Promise<{ snapshots: number; assessments: number }> {
  const counties = await prisma.county.findMany({ select: { id: true, cityId: true, code: true, name: true, targetYear: true, stage: true } });
  const schools = await prisma.school.findMany({ select: { id: true, countyId: true, code: true, name: true, kind: true, urbanRural: true, enrolment: true } });
  const snapshots = demoStatisticsSnapshots(
    counties,
    schools.map((s) => ({ ...s, kind: s.kind as SchoolKind, urbanRural: s.urbanRural as UrbanRural })),
  );
  await prisma.statisticsSnapshot.createMany({ data: snapshots });
  for (const cityId of new Set(counties.map((c) => c.cityId))) await ensurePolicyVersions(cityId);
  let assessments = 0;
  for (const county of counties) {
    if (!snapshots.some((s) => s.countyId === county.id && s.kind === "county_indicators")) continue;
    await runAssessment(county, { recognition: { kind: "latest" } }, by);
    assessments++;
  }
  return { snapshots: snapshots.length, assessments };
}
