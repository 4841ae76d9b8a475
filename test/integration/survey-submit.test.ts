import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as submitRoute from "#app/routes/s.$token.submit";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { prisma } from "#app/utils/db.server";
import { createOpenStamp } from "#app/utils/survey-submit.server";
import { call, BASE, type RouteResult } from "#test/route-helpers";
import { createOpenRound } from "#test/survey-fixtures";

const social = questionnaireValidator("social.v1")!;
const rnd = seededRandom(11);
const key = () => crypto.randomBytes(12).toString("base64url");
const device = () => crypto.randomBytes(16).toString("base64url");

function submit(token: string, body: unknown, headers: Record<string, string> = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return call(submitRoute.action, new Request(`${BASE}/s/${token}/submit`, { method: "POST", body: raw, headers: { "Content-Type": "application/json", ...headers } }), { token });
}

let fx: Awaited<ReturnType<typeof createOpenRound>>;
let socialToken = "";
beforeAll(async () => {
  fx = await createOpenRound();
  socialToken = (await fx.link("social")).token;
});

describe("survey submit", () => {
  it("stores a valid response once and acknowledges a retry with the same receipt", async () => {
    const body = { idempotencyKey: key(), answers: sampleAnswers(social, rnd, { fixed: { identity: "parent" } }), deviceToken: device(), openStamp: createOpenStamp(Date.now() - 200_000) };
    const first = await submit(socialToken, body);
    expect(first.status).toBe(200);
    expect(first.data).toMatchObject({ ok: true, duplicate: false });
    const again = await submit(socialToken, body);
    expect(again.data).toEqual({ ok: true, receipt: first.data.receipt, duplicate: true });
    const rows = await prisma.surveyResponse.findMany({ where: { idempotencyKey: body.idempotencyKey } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ group: "parent", family: "social", questionnaire: "social.v1", schoolId: fx.school.id, status: "valid" });
    expect(rows[0]!.durationMs).toBeGreaterThanOrEqual(199_000);
    // No device token or address is stored with the answers; the participation is a salted hash.
    expect(JSON.stringify(rows[0])).not.toContain(body.deviceToken);
    const part = await prisma.surveyParticipation.findMany({ where: { roundId: fx.round.id } });
    expect(part.some((p) => p.deviceHash === body.deviceToken)).toBe(false);
    expect((await prisma.surveyLink.findUniqueOrThrow({ where: { token: socialToken } })).responseCount).toBe(1);
  });

  it("double-tapped submits in parallel are stored once", async () => {
    const body = { idempotencyKey: key(), answers: sampleAnswers(social, rnd), deviceToken: device() };
    const results = await Promise.all([submit(socialToken, body), submit(socialToken, body), submit(socialToken, body)]);
    expect(new Set(results.map((r) => r.data.receipt)).size).toBe(1);
    expect(await prisma.surveyResponse.count({ where: { idempotencyKey: body.idempotencyKey } })).toBe(1);
  });

  it("refuses a second response from the same device (one per device by default)", async () => {
    const d = device();
    expect((await submit(socialToken, { idempotencyKey: key(), answers: sampleAnswers(social, rnd), deviceToken: d })).status).toBe(200);
    const second = await submit(socialToken, { idempotencyKey: key(), answers: sampleAnswers(social, rnd), deviceToken: d });
    expect(second.status).toBe(409);
    expect(second.data.code).toBe("already_answered");
    // The device cookie counts the same as the body token.
    const third = await submit(socialToken, { idempotencyKey: key(), answers: sampleAnswers(social, rnd) }, { Cookie: `yz_dev=${d}` });
    expect(third.status).toBe(409);
  });

  const valid = () => sampleAnswers(social, rnd, { fixed: { identity: "parent" } });
  it.each([
    ["unknown field", () => ({ ...valid(), hacker: 1 }), "hacker"],
    ["value outside the choices", () => ({ ...valid(), q1: 9 }), "q1"],
    ["number sent as string", () => ({ ...valid(), q1: "5" }), "q1"],
    ["missing required answer", () => {
      const a = valid();
      delete a.overall;
      return a;
    }, "overall"],
    ["comment too long", () => ({ ...valid(), comment: "长".repeat(501) }), "comment"],
    ["answers not an object", () => [1, 2, 3], ""],
  ])("400 for %s, with the reason, nothing stored", async (_name, make, field) => {
    const before = await prisma.surveyResponse.count();
    const r = await submit(socialToken, { idempotencyKey: key(), answers: make(), deviceToken: device() });
    expect(r.status).toBe(400);
    expect(r.data.code).toBe("invalid");
    expect(r.data.message).toMatch(/[\u4e00-\u9fff]/);
    if (field) expect(r.data.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await prisma.surveyResponse.count()).toBe(before);
  });

  it.each([
    ["not JSON", "{not json", 400],
    ["no idempotency key", { answers: {} }, 400],
    ["bad idempotency key", { idempotencyKey: "short", answers: {} }, 400],
    ["null body", "null", 400],
    ["a huge body", JSON.stringify({ idempotencyKey: "k".repeat(20), answers: { comment: "x".repeat(70_000) } }), 413],
    ["__proto__ keys", '{"idempotencyKey":"abcdefghijklmnopqrstu","answers":{"__proto__":{"x":1}}}', 400],
  ])("%s → %i, never 5xx", async (_name, body, status) => {
    const r = await submit(socialToken, body);
    expect(r.status).toBe(status);
    expect(r.data.ok).toBe(false);
  });

  it("answers 404 for unknown and malformed tokens", async () => {
    expect((await submit("ZZZZZZZZZZZZ", { idempotencyKey: key(), answers: valid() })).status).toBe(404);
    expect((await submit("../../etc", { idempotencyKey: key(), answers: valid() })).status).toBe(404);
  });

  it("a closed round, a revoked link, an expired link, a reached cap → 410 with the reason; a retry of a stored key still gets its receipt", async () => {
    const closed = await createOpenRound("150104", { state: "closed" });
    const closedLink = await closed.link("social");
    expect((await submit(closedLink.token, { idempotencyKey: key(), answers: valid() })).data.code).toBe("closed");

    const revoked = await fx.link("social", { revokedAt: new Date(Date.now() - 1000) });
    const r1 = await submit(revoked.token, { idempotencyKey: key(), answers: valid() });
    expect([r1.status, r1.data.code]).toEqual([410, "revoked"]);

    const expired = await fx.link("social", { expiresAt: new Date(Date.now() - 1000) });
    expect((await submit(expired.token, { idempotencyKey: key(), answers: valid() })).data.code).toBe("expired");

    const capped = await fx.link("social", { cap: 1 });
    const stored = { idempotencyKey: key(), answers: valid(), deviceToken: device() };
    expect((await submit(capped.token, stored)).status).toBe(200);
    const over = await submit(capped.token, { idempotencyKey: key(), answers: valid(), deviceToken: device() });
    expect([over.status, over.data.code]).toEqual([410, "cap_reached"]);
    expect((await submit(capped.token, stored)).data).toMatchObject({ ok: true, duplicate: true });

    const notYet = await createOpenRound("150104", { opensAt: new Date(Date.now() + 86_400_000) });
    expect((await submit((await notYet.link("social")).token, { idempotencyKey: key(), answers: valid() })).data.code).toBe("not_open");
  });

  it("flags (never drops) a too-fast, straight-lined response", async () => {
    const answers = valid();
    for (const n of social.scoredItemNames) answers[n] = 5;
    const r = await submit(socialToken, { idempotencyKey: key(), answers, deviceToken: device(), openStamp: createOpenStamp(Date.now() - 5_000) });
    expect(r.status).toBe(200);
    const row = await prisma.surveyResponse.findUniqueOrThrow({ where: { id: r.data.receipt } });
    expect(row.status).toBe("flagged");
    expect(JSON.parse(row.flags!).map((f: { code: string }) => f.code)).toEqual(["tooFast", "straightLining"]);
  });

  it("flags a burst of identical answers through one link", async () => {
    const answers = valid();
    const receipts: string[] = [];
    for (let i = 0; i < 3; i++) receipts.push((await submit(socialToken, { idempotencyKey: key(), answers, deviceToken: device() })).data.receipt);
    const third = await prisma.surveyResponse.findUniqueOrThrow({ where: { id: receipts[2] } });
    expect(JSON.parse(third.flags ?? "[]").map((f: { code: string }) => f.code)).toContain("burst");
  });

  it("accepts but flags a repeat device when the round allows several answers per device", async () => {
    const multi = await createOpenRound("150104", { onePerDevice: false });
    const l = await multi.link("social");
    const d = device();
    await submit(l.token, { idempotencyKey: key(), answers: valid(), deviceToken: d });
    const second = await submit(l.token, { idempotencyKey: key(), answers: valid(), deviceToken: d });
    expect(second.status).toBe(200);
    const row = await prisma.surveyResponse.findUniqueOrThrow({ where: { id: second.data.receipt } });
    expect(JSON.parse(row.flags!).map((f: { code: string }) => f.code)).toContain("repeatDevice");
  });

  it("inside one group-commit batch: the same device, a burst, a cap and a repeated key are decided as if one by one", async () => {
    // All submitted in the same tick, so they share one batch transaction (and, on PostgreSQL, one read-ahead).
    const capped = await fx.link("social", { cap: 2 });
    const d = device();
    const same = valid();
    const repeatedKey = { idempotencyKey: key(), answers: valid(), deviceToken: device() };
    const results = await Promise.all([
      submit(socialToken, { idempotencyKey: key(), answers: valid(), deviceToken: d }),
      submit(socialToken, { idempotencyKey: key(), answers: valid(), deviceToken: d }),
      ...[0, 1, 2].map(() => submit(socialToken, { idempotencyKey: key(), answers: same, deviceToken: device() })),
      ...[0, 1, 2].map(() => submit(capped.token, { idempotencyKey: key(), answers: valid(), deviceToken: device() })),
      submit(socialToken, repeatedKey),
      submit(socialToken, repeatedKey),
    ]);
    // Which of two competing submissions comes first is the server's arrival order; the outcome set is fixed.
    const codes = (rs: readonly RouteResult[]) => rs.map((r) => (r.status === 200 ? 200 : `${r.status} ${r.data.code}`)).sort();
    expect(codes(results.slice(0, 2))).toEqual([200, "409 already_answered"]);
    expect(codes(results.slice(2, 5))).toEqual([200, 200, 200]);
    expect(codes(results.slice(5, 8))).toEqual([200, 200, "410 cap_reached"]);
    expect(codes(results.slice(8))).toEqual([200, 200]);
    expect(results[8]!.data.receipt).toBe(results[9]!.data.receipt);
    expect([results[8]!.data.duplicate, results[9]!.data.duplicate].sort()).toEqual([false, true]);
    const burstFlags = await Promise.all(results.slice(2, 5).map(async (r) => JSON.parse((await prisma.surveyResponse.findUniqueOrThrow({ where: { id: r.data.receipt } })).flags ?? "[]").map((f: { code: string }) => f.code)));
    expect(burstFlags.filter((f) => f.includes("burst")).length).toBe(1); // the 3rd identical answer (2 earlier matches)
    expect(await prisma.surveyResponse.count({ where: { idempotencyKey: repeatedKey.idempotencyKey } })).toBe(1);
    expect((await prisma.surveyLink.findUniqueOrThrow({ where: { id: capped.id } })).responseCount).toBe(2);
    const participation = await prisma.surveyParticipation.findMany({ where: { roundId: fx.round.id } });
    expect(participation.every((p) => p.count === 1)).toBe(true);
  });

  it("ignores a forged open stamp (no duration rather than a wrong one)", async () => {
    const r = await submit(socialToken, { idempotencyKey: key(), answers: valid(), deviceToken: device(), openStamp: `${Date.now() - 999_000}.forgedmacforgedmacforg` });
    expect((await prisma.surveyResponse.findUniqueOrThrow({ where: { id: r.data.receipt } })).durationMs).toBeNull();
  });
});
