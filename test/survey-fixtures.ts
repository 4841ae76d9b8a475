// A survey round with links, written straight into the test database (integration tests).
import crypto from "node:crypto";
import { prisma } from "#app/utils/db.server";

export async function createOpenRound(countyCode = "150104", opts: { state?: string; opensAt?: Date; closesAt?: Date; onePerDevice?: boolean } = {}) {
  const county = await prisma.county.findUniqueOrThrow({ where: { code: countyCode }, include: { schools: { orderBy: { code: "asc" } } } });
  const now = Date.now();
  const round = await prisma.surveyRound.create({
    data: {
      countyId: county.id,
      name: "测试轮次",
      state: opts.state ?? "open",
      opensAt: opts.opensAt ?? new Date(now - 86_400_000),
      closesAt: opts.closesAt ?? new Date(now + 7 * 86_400_000),
      questionnaires: JSON.stringify(["social.v1", "staff.v1", "student.v1"]),
      samplingRule: JSON.stringify({ ratePerMille: 1.5, minimumTotal: 0, parentShare: 0.5 }),
      onePerDevice: opts.onePerDevice ?? true,
      deviceSalt: crypto.randomBytes(16).toString("hex"),
    },
  });
  const school = county.schools[0]!;
  const token = (s: string) => (s + crypto.randomBytes(8).toString("hex")).replace(/[0OIl]/g, "x").slice(0, 12);
  const link = (family: string, extra: { cap?: number; expiresAt?: Date; revokedAt?: Date } = {}) =>
    prisma.surveyLink.create({ data: { token: token("T"), roundId: round.id, schoolId: school.id, family, questionnaire: `${family}.v1`, ...extra } });
  return { round, school, county, link };
}
