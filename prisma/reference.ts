// Reference data loader: the city's 责任清单 (34 items) and the national thresholds. Runs on every
// start (idempotent upserts), so a new release's corrected reference reaches existing databases —
// reference data is never seeded from migrations.
import type { PrismaClient } from "#app/generated/prisma/client";
import { NATIONAL_THRESHOLDS } from "#app/domain/reference/national-thresholds";
import { RESPONSIBILITY_LIST } from "#app/domain/reference/responsibility-list";

export async function loadReferenceData(prisma: PrismaClient) {
  await prisma.$transaction(async (tx) => {
    for (const item of RESPONSIBILITY_LIST) {
      const row = {
        codes: JSON.stringify(item.codes),
        part: item.part,
        name: item.name,
        text: item.text,
        sections: JSON.stringify(item.sections),
        repairNote: item.repairNote ?? null,
      };
      await tx.responsibilityItem.upsert({ where: { listNo: item.listNo }, create: { listNo: item.listNo, ...row }, update: row });
    }
    for (const [key, t] of Object.entries(NATIONAL_THRESHOLDS)) {
      const row = {
        code: t.code,
        label: t.label,
        section: t.stage ?? "all",
        comparison: t.comparison,
        value: t.value,
        unit: t.unit,
        source: t.source.join(","),
        sourceRef: t.sourceRef,
      };
      await tx.indicatorThreshold.upsert({ where: { key }, create: { key, ...row }, update: row });
    }
  });
  return { responsibilityItems: RESPONSIBILITY_LIST.length, thresholds: Object.keys(NATIONAL_THRESHOLDS).length };
}
