// 哈希链 — tamper evidence for the responses of one survey round.
//
// Every accepted response is a link: chainHash = SHA-256(hex) of the previous link's hash and this response's content
// as received, in a fixed canonical form. The round keeps the length and the last hash (its head). Changing,
// deleting, inserting or reordering any response afterwards — by anyone with write access to the database — breaks
// the chain at that point, and verification names the first broken link.
//
// Part of the hashed content: everything the respondent sent and the server decided at receipt (ids, link, school,
// questionnaire, group, area, grade band, answers, duration, fingerprint, quality flags, idempotency key, time
// received). Not part of it: the review state (status, exclusion reason), which reviewers change by design. It is
// checked instead: the stored state must be what the quality flags (flagged / valid at receipt) and the response's
// ResponseReview history (exclude / reinstate, in order) give — a status changed directly in the database is named.
//
// Responses stored before the chain existed (the upgrade migration gave them positions and an empty hash) form a
// leading "legacy" segment: reported as unprotected, not as a break, when received before the upgrade.
//
// Pure: the hash function is passed in (SHA-256 hex in app/models/survey-chain.server.ts).

export type HashFn = (text: string) => string;

export interface ChainContent {
  id: string;
  roundId: string;
  linkId: string;
  schoolId: string | null;
  family: string;
  questionnaire: string;
  group: string;
  area: string | null;
  gradeBand: string | null;
  /** The answers exactly as stored (JSON text). */
  answers: string;
  durationMs: number | null;
  fingerprint: string;
  /** The quality flags decided at receipt (JSON text as stored), or null. */
  flags: string | null;
  idempotencyKey: string;
  /** Time received, as epoch milliseconds (the same on SQLite and PostgreSQL). */
  receivedAtMs: number;
}

export interface ReviewDecision {
  decision: string;
  reason: string;
}

export interface ChainLink extends ChainContent {
  chainSeq: number;
  chainHash: string;
  /** The stored review state, checked against `reviews` when given. */
  status?: string;
  exclusionReason?: string | null;
  /** The response's ResponseReview decisions, oldest first. */
  reviews?: readonly ReviewDecision[];
}

/** The review state a response must have: flagged/valid at receipt, then each review decision in order. */
export function expectedReviewState(flags: string | null, reviews: readonly ReviewDecision[]): { status: string; exclusionReason: string | null } {
  let state: { status: string; exclusionReason: string | null } = { status: flags ? "flagged" : "valid", exclusionReason: null };
  for (const r of reviews) state = r.decision === "exclude" ? { status: "excluded", exclusionReason: r.reason } : { status: "valid", exclusionReason: null };
  return state;
}

/** The hash of the chain before its first link. */
export const GENESIS = "";

/** The canonical text hashed for one link (a JSON array: stable field order, no whitespace). */
export function linkPayload(prevHash: string, seq: number, c: ChainContent): string {
  return JSON.stringify([
    "yzjh-chain-v1",
    c.roundId,
    seq,
    prevHash,
    c.id,
    c.linkId,
    c.schoolId,
    c.family,
    c.questionnaire,
    c.group,
    c.area,
    c.gradeBand,
    c.answers,
    c.durationMs,
    c.fingerprint,
    c.flags,
    c.idempotencyKey,
    c.receivedAtMs,
  ]);
}

/** The hash of the link at position `seq` following `prevHash`. */
export function linkHash(hash: HashFn, prevHash: string, seq: number, c: ChainContent): string {
  return hash(linkPayload(prevHash, seq, c));
}

export type BreakReason =
  /** The stored hash does not match the content (a response was changed, or the hash was). */
  | "content_changed"
  /** A position is missing (a response was deleted) or out of order. */
  | "missing_link"
  /** The response was received before the hash chain existed (empty hash, from the upgrade migration). */
  | "unchained"
  /** The round's recorded length/head does not match the last link (responses removed from the end, or added). */
  | "head_mismatch"
  /** The stored status or exclusion reason is not what the flags and the review history give. */
  | "status_changed"
  /** A response with an invalid position (below 1): stored outside the chain. */
  | "outside_chain";

export const BREAK_REASON_LABELS: Record<BreakReason, string> = {
  content_changed: "内容与哈希不符（答卷内容或哈希值被改动）",
  missing_link: "链条缺失一环（答卷被删除或序号被改动）",
  unchained: "该答卷在启用哈希链之前收到，没有哈希值",
  head_mismatch: "轮次记录的链尾与最后一份答卷不符（末尾答卷被删除、被追加，或链尾记录被改动）",
  status_changed: "答卷状态与复核记录不符（有效/剔除状态被直接改动）",
  outside_chain: "有答卷的链序号无效，不在链上（被直接写入数据库）",
};

export interface ChainBreak {
  /** Position where the chain breaks (the expected sequence number). */
  seq: number;
  /** The response at (or nearest after) that position, if any. */
  responseId: string | null;
  reason: BreakReason;
}

export interface VerifyResult {
  ok: boolean;
  /** Links checked and found intact before the first break (all of them when ok), legacy links included. */
  verified: number;
  /** Leading links received before the chain existed (no hash): counted, not protected. */
  legacy: number;
  /** Responses stored for the round. */
  stored: number;
  /** The round's recorded length and head. */
  expectedLength: number;
  firstBreak: ChainBreak | null;
}

/**
 * An incremental verifier: feed a round's links in chainSeq order (in pages, for large rounds), then finish with the
 * round's recorded length and head. Stops checking at the first break. `legacyBeforeMs`: links without a hash at
 * the start of the chain, received before this time (the upgrade that introduced the chain), are legacy, not breaks.
 */
export function createVerifier(hash: HashFn, opts: { legacyBeforeMs?: number | null } = {}) {
  let prev = GENESIS;
  let verified = 0;
  let legacy = 0;
  let stored = 0;
  let chained = false;
  let firstBreak: ChainBreak | null = null;
  const check = (link: ChainLink, seq: number): ChainBreak | null => {
    if (link.chainSeq !== seq) return { seq, responseId: link.chainSeq > seq ? link.id : null, reason: "missing_link" };
    if (link.chainHash === "") {
      if (!chained && opts.legacyBeforeMs != null && link.receivedAtMs < opts.legacyBeforeMs) return null;
      return { seq, responseId: link.id, reason: "unchained" };
    }
    if (linkHash(hash, prev, seq, link) !== link.chainHash) return { seq, responseId: link.id, reason: "content_changed" };
    if (link.status !== undefined && link.reviews) {
      const want = expectedReviewState(link.flags, link.reviews);
      if (want.status !== link.status || want.exclusionReason !== (link.exclusionReason ?? null)) return { seq, responseId: link.id, reason: "status_changed" };
    }
    return null;
  };
  return {
    feed(links: readonly ChainLink[]) {
      for (const link of links) {
        stored += 1;
        if (firstBreak) continue;
        const seq = verified + 1;
        firstBreak = check(link, seq);
        if (firstBreak) continue;
        if (link.chainHash === "") legacy += 1;
        else {
          chained = true;
          prev = link.chainHash;
        }
        verified = seq;
      }
    },
    /** Records a break found outside the feed (e.g. rows with an invalid position). */
    fail(b: ChainBreak) {
      if (!firstBreak) firstBreak = b;
    },
    /** True once a break was found (the caller may stop reading). */
    get broken() {
      return firstBreak !== null;
    },
    finish(head: { length: number; hash: string }): VerifyResult {
      if (!firstBreak && (head.length !== verified || head.hash !== prev)) {
        // Tail removed → the first missing position; links beyond the recorded length → the first of them;
        // same length but another head → the last link.
        const seq = head.length > verified ? verified + 1 : head.length < verified ? head.length + 1 : verified;
        firstBreak = { seq, responseId: null, reason: "head_mismatch" };
      }
      return { ok: firstBreak === null, verified, legacy, stored, expectedLength: head.length, firstBreak };
    },
  };
}

/** Verifies a round's links (sorted by chainSeq ascending) against the round's recorded length and head. */
export function verifyChain(hash: HashFn, links: readonly ChainLink[], head: { length: number; hash: string }, opts: { legacyBeforeMs?: number | null } = {}): VerifyResult {
  const v = createVerifier(hash, opts);
  v.feed(links);
  return v.finish(head);
}
