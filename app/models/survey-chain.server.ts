// Verifying a survey round's hash chain (app/domain/survey/hash-chain.ts) against the database: the responses are
// read in chain order, page by page (a city round can hold 10⁵–10⁶), and checked incrementally, each with its
// review history. A round that is collecting answers can be checked while it does: the check covers the chain as
// recorded when it started, and answers committed meanwhile are counted, not mistaken for a break.
import { createVerifier, type ChainLink, type ReviewDecision, type VerifyResult } from "#app/domain/survey/hash-chain";
import { prisma } from "#app/utils/db.server";
import { sha256Hex } from "./survey-chain-hash.server";

const PAGE = 5000;
/** The migration that introduced the chain: responses received before it finished are legacy (no hash). */
const CHAIN_MIGRATION = "20261130123000_hash_chain_shared_state";

export interface RoundChainReport extends VerifyResult {
  round: { id: string; name: string; countyName: string; chainHead: string };
  /** Responses committed by the app while the check ran (beyond the chain as recorded at its start). */
  arrivedDuringCheck: number;
  checkedAt: Date;
  durationMs: number;
}

/** When the chain was introduced in this database (null when unknown: then no response may lack a hash). */
async function chainIntroducedAt(): Promise<number | null> {
  try {
    const rows = await prisma.$queryRaw<{ finished_at: Date | string | number | null }[]>`SELECT "finished_at" FROM "_prisma_migrations" WHERE "migration_name" = ${CHAIN_MIGRATION}`;
    const v = rows[0]?.finished_at;
    if (v == null) return null;
    const ms = v instanceof Date ? v.getTime() : typeof v === "number" ? v : new Date(v).getTime();
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

/**
 * Verifies the chain of a round; null when the round does not exist (or, with `countyId`, is not that county's).
 * `onProgress(read, total)` is called after each page.
 */
export async function verifyRoundChain(roundId: string, opts: { countyId?: string; onProgress?: (read: number, total: number) => void | Promise<void> } = {}): Promise<RoundChainReport | null> {
  const started = Date.now();
  const round = await prisma.surveyRound.findFirst({
    where: { id: roundId, ...(opts.countyId ? { countyId: opts.countyId } : {}) },
    select: { id: true, name: true, chainLength: true, chainHead: true, county: { select: { name: true } } },
  });
  if (!round) return null;
  const length = round.chainLength;
  const verifier = createVerifier(sha256Hex, { legacyBeforeMs: await chainIntroducedAt() });

  // Review histories of the round (few rows: reviews are manual), oldest first per response.
  const reviews = new Map<string, ReviewDecision[]>();
  for (const r of await prisma.responseReview.findMany({ where: { roundId }, orderBy: [{ at: "asc" }, { id: "asc" }], select: { responseId: true, decision: true, reason: true } })) {
    const list = reviews.get(r.responseId) ?? [];
    list.push({ decision: r.decision, reason: r.reason });
    reviews.set(r.responseId, list);
  }

  // Rows stored outside the chain (invalid positions) can only have been written around the app.
  const outside = await prisma.surveyResponse.findFirst({ where: { roundId, chainSeq: { lt: 1 } }, select: { id: true, chainSeq: true } });

  let after = 0;
  let read = 0;
  while (after < length && !verifier.broken) {
    const rows = await prisma.surveyResponse.findMany({
      where: { roundId, chainSeq: { gt: after, lte: length } },
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
        flags: true,
        idempotencyKey: true,
        receivedAt: true,
        chainSeq: true,
        chainHash: true,
        status: true,
        exclusionReason: true,
      },
    });
    if (rows.length === 0) break;
    verifier.feed(rows.map((r): ChainLink => ({ ...r, receivedAtMs: r.receivedAt.getTime(), reviews: reviews.get(r.id) ?? [] })));
    read += rows.length;
    after = rows[rows.length - 1]!.chainSeq;
    await opts.onProgress?.(read, length);
    if (rows.length < PAGE) break;
  }
  if (outside) verifier.fail({ seq: outside.chainSeq, responseId: outside.id, reason: "outside_chain" });

  // Beyond the recorded length: the app's own commits since the start (they moved the round's head with them), or
  // rows appended around the app (beyond even the current head). Highest position first, then the head: a commit
  // in between can only raise the head, never make a legitimate row look appended.
  const beyond = await prisma.surveyResponse.aggregate({ where: { roundId, chainSeq: { gt: length } }, _max: { chainSeq: true }, _count: { _all: true } });
  const now = await prisma.surveyRound.findUniqueOrThrow({ where: { id: roundId }, select: { chainLength: true } });
  const maxBeyond = beyond._max.chainSeq ?? 0;
  if (maxBeyond > now.chainLength) verifier.fail({ seq: now.chainLength + 1, responseId: null, reason: "head_mismatch" });
  const result = verifier.finish({ length, hash: round.chainHead });
  return {
    ...result,
    stored: result.stored + beyond._count._all,
    arrivedDuringCheck: maxBeyond > now.chainLength ? 0 : beyond._count._all,
    round: { id: round.id, name: round.name, countyName: round.county.name, chainHead: round.chainHead },
    checkedAt: new Date(),
    durationMs: Date.now() - started,
  };
}

/** The rounds of all counties (for the command's --all). */
export function listRoundIds() {
  return prisma.surveyRound.findMany({ orderBy: [{ countyId: "asc" }, { createdAt: "asc" }], select: { id: true } });
}
