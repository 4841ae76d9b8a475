// A survey round with links, written straight into the test database (integration tests).
import crypto from "node:crypto";
import { prisma } from "#app/utils/db.server";
import { linkHash, type ChainContent } from "#app/domain/survey/hash-chain";
import { sha256Hex } from "#app/models/survey-chain-hash.server";

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

type ResponseData = Omit<ChainContent, "receivedAtMs" | "gradeBand" | "durationMs" | "flags"> & {
  gradeBand?: string | null;
  durationMs?: number | null;
  flags?: string | null;
  status: string;
  exclusionReason?: string | null;
  receivedAt: Date;
};

/**
 * Inserts a response with a given status/flags directly (tests that need exact fixtures), as the next link of its
 * round's hash chain — exactly as the submit writer would chain it.
 */
export async function insertChainedResponse(data: ResponseData) {
  return prisma.$transaction(async (tx) => {
    const round = await tx.surveyRound.findUniqueOrThrow({ where: { id: data.roundId }, select: { chainLength: true, chainHead: true } });
    const chainSeq = round.chainLength + 1;
    const content = { ...data, gradeBand: data.gradeBand ?? null, durationMs: data.durationMs ?? null, flags: data.flags ?? null, receivedAtMs: data.receivedAt.getTime() };
    const chainHash = linkHash(sha256Hex, round.chainHead, chainSeq, content);
    await tx.surveyResponse.create({ data: { ...data, chainSeq, chainHash } });
    await tx.surveyRound.update({ where: { id: data.roundId }, data: { chainLength: chainSeq, chainHead: chainHash } });
    await tx.surveyLink.update({ where: { id: data.linkId }, data: { responseCount: { increment: 1 } } });
  });
}
