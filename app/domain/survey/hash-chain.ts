// 哈希链 — tamper evidence for the responses of one survey round.
//
// Every accepted response is a link: chainHash = SHA-256(hex) of the previous link's hash and this response's content
// as received, in a fixed canonical form. The round keeps the length and the last hash (its head). Changing,
// deleting, inserting or reordering any response afterwards — by anyone with write access to the database — breaks
// the chain at that point, and verification names the first broken link.
//
// Part of the hashed content: everything the respondent sent and the server decided at receipt (ids, link, school,
// questionnaire, group, area, grade band, answers, duration, fingerprint, idempotency key, time received).
// Not part of it: review state (status, exclusion reason), which reviewers change by design and which is recorded
// in ResponseReview and the audit log.
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
  idempotencyKey: string;
  /** Time received, as epoch milliseconds (the same on SQLite and PostgreSQL). */
  receivedAtMs: number;
}

export interface ChainLink extends ChainContent {
  chainSeq: number;
  chainHash: string;
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
  | "head_mismatch";

export const BREAK_REASON_LABELS: Record<BreakReason, string> = {
  content_changed: "内容与哈希不符（答卷内容或哈希值被改动）",
  missing_link: "链条缺失一环（答卷被删除或序号被改动）",
  unchained: "该答卷在启用哈希链之前收到，没有哈希值",
  head_mismatch: "轮次记录的链尾与最后一份答卷不符（末尾答卷被删除或记录被改动）",
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
  /** Links checked and found intact before the first break (all of them when ok). */
  verified: number;
  /** Responses stored for the round. */
  stored: number;
  /** The round's recorded length and head. */
  expectedLength: number;
  firstBreak: ChainBreak | null;
}

/**
 * An incremental verifier: feed a round's links in chainSeq order (in pages, for large rounds), then finish with the
 * round's recorded length and head. Stops checking at the first break.
 */
export function createVerifier(hash: HashFn) {
  let prev = GENESIS;
  let verified = 0;
  let stored = 0;
  let firstBreak: ChainBreak | null = null;
  return {
    feed(links: readonly ChainLink[]) {
      for (const link of links) {
        stored += 1;
        if (firstBreak) continue;
        const seq = verified + 1;
        if (link.chainSeq !== seq) firstBreak = { seq, responseId: link.chainSeq > seq ? link.id : null, reason: "missing_link" };
        else if (link.chainHash === "") firstBreak = { seq, responseId: link.id, reason: "unchained" };
        else if (linkHash(hash, prev, seq, link) !== link.chainHash) firstBreak = { seq, responseId: link.id, reason: "content_changed" };
        else {
          prev = link.chainHash;
          verified = seq;
        }
      }
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
      return { ok: firstBreak === null, verified, stored, expectedLength: head.length, firstBreak };
    },
  };
}

/** Verifies a round's links (sorted by chainSeq ascending) against the round's recorded length and head. */
export function verifyChain(hash: HashFn, links: readonly ChainLink[], head: { length: number; hash: string }): VerifyResult {
  const v = createVerifier(hash);
  v.feed(links);
  return v.finish(head);
}
