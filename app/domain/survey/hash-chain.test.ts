import { describe, expect, it } from "vitest";
import { hashString53 } from "./fingerprint";
import { GENESIS, linkHash, linkPayload, verifyChain, createVerifier, type ChainContent, type ChainLink } from "./hash-chain";

// The rule is independent of the hash function (the app passes SHA-256, app/models/survey-chain-hash.server.ts);
// the domain layer does no I/O, so a pure string hash stands in here.
const sha = (s: string) => String(hashString53(s));

function content(i: number): ChainContent {
  return {
    id: `r${i}`,
    roundId: "round-1",
    linkId: "link-1",
    schoolId: i % 2 ? "school-1" : null,
    family: "social",
    questionnaire: "social.v1",
    group: "parent",
    area: "urban",
    gradeBand: null,
    answers: JSON.stringify({ q1: (i % 5) + 1 }),
    durationMs: 1000 * i,
    fingerprint: `f${i}`,
    flags: i === 2 ? JSON.stringify([{ code: "tooFast", reason: "过快" }]) : null,
    idempotencyKey: `key-${i}`,
    receivedAtMs: 1_764_000_000_000 + i,
  };
}

/** A correctly chained round of n links. */
function chain(n: number): { links: ChainLink[]; head: { length: number; hash: string } } {
  const links: ChainLink[] = [];
  let prev = GENESIS;
  for (let seq = 1; seq <= n; seq++) {
    const c = content(seq);
    const chainHash = linkHash(sha, prev, seq, c);
    links.push({ ...c, chainSeq: seq, chainHash });
    prev = chainHash;
  }
  return { links, head: { length: n, hash: prev } };
}

describe("hash chain", () => {
  it("the payload fixes field order and includes the previous hash and the position", () => {
    const p = JSON.parse(linkPayload("abc", 7, content(1)));
    expect(p.slice(0, 5)).toEqual(["yzjh-chain-v1", "round-1", 7, "abc", "r1"]);
    expect(linkHash(sha, "abc", 7, content(1))).not.toBe(linkHash(sha, "abd", 7, content(1)));
    expect(linkHash(sha, "abc", 7, content(1))).not.toBe(linkHash(sha, "abc", 8, content(1)));
  });

  it("an intact chain verifies, also when fed page by page", () => {
    const { links, head } = chain(10);
    expect(verifyChain(sha, links, head)).toEqual({ ok: true, verified: 10, legacy: 0, stored: 10, expectedLength: 10, firstBreak: null });
    const v = createVerifier(sha);
    v.feed(links.slice(0, 3));
    v.feed(links.slice(3));
    expect(v.finish(head).ok).toBe(true);
    expect(verifyChain(sha, [], { length: 0, hash: "" }).ok).toBe(true);
  });

  it("a changed answer breaks the chain at that response", () => {
    const { links, head } = chain(10);
    links[4] = { ...links[4]!, answers: JSON.stringify({ q1: 9 }) };
    expect(verifyChain(sha, links, head).firstBreak).toEqual({ seq: 5, responseId: "r5", reason: "content_changed" });
    expect(verifyChain(sha, links, head).verified).toBe(4);
  });

  it("a changed time of receipt or school breaks it too; a recomputed hash breaks the next link", () => {
    const a = chain(6);
    a.links[2] = { ...a.links[2]!, receivedAtMs: a.links[2]!.receivedAtMs + 1 };
    expect(verifyChain(sha, a.links, a.head).firstBreak?.seq).toBe(3);
    const b = chain(6);
    const forged = { ...b.links[2]!, schoolId: "school-2" };
    forged.chainHash = linkHash(sha, b.links[1]!.chainHash, 3, forged);
    b.links[2] = forged;
    expect(verifyChain(sha, b.links, b.head).firstBreak).toEqual({ seq: 4, responseId: "r4", reason: "content_changed" });
  });

  it("a deleted response is a missing link; a deleted last response a head mismatch", () => {
    const a = chain(8);
    a.links.splice(3, 1);
    expect(verifyChain(sha, a.links, a.head).firstBreak).toEqual({ seq: 4, responseId: "r5", reason: "missing_link" });
    const b = chain(8);
    b.links.pop();
    expect(verifyChain(sha, b.links, b.head).firstBreak).toEqual({ seq: 8, responseId: null, reason: "head_mismatch" });
  });

  it("a response appended without the round's head is named; so is a rewritten head", () => {
    const a = chain(5);
    const c = chain(6);
    expect(verifyChain(sha, c.links, a.head).firstBreak).toEqual({ seq: 6, responseId: null, reason: "head_mismatch" });
    expect(verifyChain(sha, a.links, { length: 5, hash: "0".repeat(64) }).firstBreak).toEqual({ seq: 5, responseId: null, reason: "head_mismatch" });
  });

  it("responses from before the chain existed (empty hash) are named as unchained", () => {
    const { links, head } = chain(3);
    links[0] = { ...links[0]!, chainHash: "" };
    expect(verifyChain(sha, links, head).firstBreak).toEqual({ seq: 1, responseId: "r1", reason: "unchained" });
  });

  it("changed quality flags break the chain (they decide flagged/valid at receipt)", () => {
    const { links, head } = chain(4);
    links[1] = { ...links[1]!, flags: null };
    expect(verifyChain(sha, links, head).firstBreak).toEqual({ seq: 2, responseId: "r2", reason: "content_changed" });
  });

  it("the stored status must be what the flags and the review history give", () => {
    const { links, head } = chain(4);
    const withState = links.map((l) => ({ ...l, status: l.flags ? "flagged" : "valid", exclusionReason: null, reviews: [] }));
    expect(verifyChain(sha, withState, head).ok).toBe(true);
    // Reviewed: excluded with a reason, then reinstated, then excluded again.
    const reviewed = withState.map((l, i) => (i === 2 ? { ...l, status: "excluded", exclusionReason: "重复作答", reviews: [{ decision: "exclude", reason: "误判" }, { decision: "reinstate", reason: "核实" }, { decision: "exclude", reason: "重复作答" }] } : l));
    expect(verifyChain(sha, reviewed, head).ok).toBe(true);
    // Excluded in the database without a review, or a reason changed: named.
    const flipped = withState.map((l, i) => (i === 3 ? { ...l, status: "excluded", exclusionReason: "不喜欢" } : l));
    expect(verifyChain(sha, flipped, head).firstBreak).toEqual({ seq: 4, responseId: "r4", reason: "status_changed" });
    const reason = reviewed.map((l, i) => (i === 2 ? { ...l, exclusionReason: "别的理由" } : l));
    expect(verifyChain(sha, reason, head).firstBreak?.reason).toBe("status_changed");
    // A flagged response silently made valid: named.
    const unflagged = withState.map((l, i) => (i === 1 ? { ...l, status: "valid" } : l));
    expect(verifyChain(sha, unflagged, head).firstBreak).toEqual({ seq: 2, responseId: "r2", reason: "status_changed" });
  });

  it("a leading segment received before the upgrade is legacy (counted, not a break); the chain after it is verified", () => {
    // Positions 1–3 came from the upgrade migration (empty hashes); the writer continued from an empty head.
    const legacy: ChainLink[] = [1, 2, 3].map((seq) => ({ ...content(seq), chainSeq: seq, chainHash: "" }));
    let prev = GENESIS;
    const fresh: ChainLink[] = [4, 5].map((seq) => {
      const c = { ...content(seq), receivedAtMs: 1_800_000_000_000 + seq };
      const chainHash = linkHash(sha, prev, seq, c);
      prev = chainHash;
      return { ...c, chainSeq: seq, chainHash };
    });
    const upgradeAt = 1_790_000_000_000;
    const r = verifyChain(sha, [...legacy, ...fresh], { length: 5, hash: prev }, { legacyBeforeMs: upgradeAt });
    expect(r).toMatchObject({ ok: true, verified: 5, legacy: 3 });
    // Without the upgrade time, or for a response received after it, an empty hash is a break.
    expect(verifyChain(sha, [...legacy, ...fresh], { length: 5, hash: prev }).firstBreak?.reason).toBe("unchained");
    const blanked = [...legacy, { ...fresh[0]!, chainHash: "" }, fresh[1]!];
    expect(verifyChain(sha, blanked, { length: 5, hash: prev }, { legacyBeforeMs: upgradeAt }).firstBreak).toMatchObject({ seq: 4, reason: "unchained" });
    // A later change in the protected part is still found.
    const changed = [...legacy, { ...fresh[0]!, answers: "{}" }, fresh[1]!];
    expect(verifyChain(sha, changed, { length: 5, hash: prev }, { legacyBeforeMs: upgradeAt }).firstBreak).toMatchObject({ seq: 4, reason: "content_changed" });
  });
});
