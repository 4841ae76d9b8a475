// Verifying a survey round's hash chain (app/domain/survey/hash-chain.ts) against the database: the responses are
// read in chain order, page by page (a city round can hold 10⁵–10⁶), and checked incrementally.
import { createVerifier, type ChainLink, type VerifyResult } from "#app/domain/survey/hash-chain";
import { prisma } from "#app/utils/db.server";
import { sha256Hex } from "./survey-chain-hash.server";

const PAGE = 5000;

export interface RoundChainReport extends VerifyResult {
  round: { id: string; name: string; countyName: string; chainHead: string };
  checkedAt: Date;
  durationMs: number;
}

/**
 * Verifies the chain of a round; null when the round does not exist (or, with `countyId`, is not that county's).
 * `onProgress(read, total)` is called after each page.
 */
export async function verifyRoundChain(roundId: string, opts: { countyId?: string; onProgress?: (read: number, total: number) => void } = {}): Promise<RoundChainReport | null> {
  const started = Date.now();
  const round = await prisma.surveyRound.findFirst({
    where: { id: roundId, ...(opts.countyId ? { countyId: opts.countyId } : {}) },
    select: { id: true, name: true, chainLength: true, chainHead: true, county: { select: { name: true } } },
  });
  if (!round) return null;
  const total = await prisma.surveyResponse.count({ where: { roundId } });
  const verifier = createVerifier(sha256Hex);
  let after = -1;
  let read = 0;
  for (;;) {
    const rows = await prisma.surveyResponse.findMany({
      where: { roundId, chainSeq: { gt: after } },
      orderBy: { chainSeq: "asc" },
      take: PAGE,
      select: {
        id: true,
        roundId: true,
        linkId: true,
        schoolId: true,
        family: true,
        questionnaire: true,
        group: true,
        area: true,
        gradeBand: true,
        answers: true,
        durationMs: true,
        fingerprint: true,
        idempotencyKey: true,
        receivedAt: true,
        chainSeq: true,
        chainHash: true,
      },
    });
    if (rows.length === 0) break;
    verifier.feed(rows.map((r): ChainLink => ({ ...r, receivedAtMs: r.receivedAt.getTime() })));
    read += rows.length;
    after = rows[rows.length - 1]!.chainSeq;
    opts.onProgress?.(read, total);
    if (rows.length < PAGE) break;
  }
  const result = verifier.finish({ length: round.chainLength, hash: round.chainHead });
  return {
    ...result,
    round: { id: round.id, name: round.name, countyName: round.county.name, chainHead: round.chainHead },
    checkedAt: new Date(),
    durationMs: Date.now() - started,
  };
}

/** The rounds of all counties (for the command's --all). */
export function listRoundIds() {
  return prisma.surveyRound.findMany({ orderBy: [{ countyId: "asc" }, { createdAt: "asc" }], select: { id: true } });
}
