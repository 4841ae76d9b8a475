// Tamper evidence end to end: responses written by the real submit writer are chained per round; changing,
// deleting or appending rows behind the app's back is named — first broken link — by the admin page and the command.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { verifyRoundChain } from "#app/models/survey-chain.server";
import { submitResponse } from "#app/models/survey-submit.server";
import { reviewResponse } from "#app/models/recognition.server";
import { prisma } from "#app/utils/db.server";
import * as chainRoute from "#app/routes/admin.counties.$code.rounds.$roundId.chain";
import { demoCookie } from "#test/demo-logins";
import { call, get } from "#test/route-helpers";
import { createOpenRound } from "#test/survey-fixtures";

const OWN = "150104";
let fx: Awaited<ReturnType<typeof createOpenRound>>;
let token = "";
const rnd = seededRandom(11);
const validator = questionnaireValidator("social.v1")!;

async function submit(n: number) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const answers = sampleAnswers(validator, rnd, { positiveShare: 0.8, fixed: { identity: "parent" } });
    out.push(
      submitResponse({ token, idempotencyKey: crypto.randomBytes(12).toString("base64url"), answers, group: "parent", area: "urban", gradeBand: null, durationSeconds: 200, deviceToken: null, validator }),
    );
  }
  return Promise.all(out);
}

const bySeq = (seq: number) => prisma.surveyResponse.findFirstOrThrow({ where: { roundId: fx.round.id, chainSeq: seq } });
const page = async (cookie: string) => call(chainRoute.loader, get(`/admin/counties/${OWN}/rounds/${fx.round.id}/chain`, cookie), { code: OWN, roundId: fx.round.id });

function cli(...args: string[]) {
  return spawnSync("node_modules/.bin/tsx", ["scripts/chain-verify.ts", ...args], { env: process.env, encoding: "utf8" });
}

beforeAll(async () => {
  fx = await createOpenRound(OWN);
  token = (await fx.link("social")).token;
});

describe("hash chain of a round", () => {
  it("the demo rounds, written by the writer, verify intact", async () => {
    const rounds = await prisma.surveyRound.findMany({ where: { chainLength: { gt: 0 } }, select: { id: true, chainLength: true } });
    expect(rounds.length).toBeGreaterThanOrEqual(3);
    for (const r of rounds) {
      const v = (await verifyRoundChain(r.id))!;
      expect(v.ok, JSON.stringify(v.firstBreak)).toBe(true);
      expect(v.verified).toBe(r.chainLength);
    }
  });

  it("every accepted response is the next link, in commit order, and concurrent batches keep the chain whole", async () => {
    const outcomes = await submit(40);
    expect(outcomes.every((o) => o.kind === "accepted")).toBe(true);
    const round = await prisma.surveyRound.findUniqueOrThrow({ where: { id: fx.round.id } });
    expect(round.chainLength).toBe(40);
    const seqs = (await prisma.surveyResponse.findMany({ where: { roundId: fx.round.id }, select: { chainSeq: true }, orderBy: { chainSeq: "asc" } })).map((r) => r.chainSeq);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await verifyRoundChain(fx.round.id))!.ok).toBe(true);
  });

  it("a review (剔除) changes the status, not the chain", async () => {
    const r = await bySeq(3);
    const actor = await prisma.user.findUniqueOrThrow({ where: { login: "yuquan-admin" } });
    const county = await prisma.county.findUniqueOrThrow({ where: { code: OWN } });
    expect(await reviewResponse({ countyId: county.id, roundId: fx.round.id, responseId: r.id, decision: "exclude", reason: "哈希链测试", actor })).not.toBeNull();
    expect((await verifyRoundChain(fx.round.id))!.ok).toBe(true);
  });

  it("the admin page says intact, and the command exits 0", async () => {
    const ok = await page(await demoCookie("yuquan-admin"));
    expect(ok.status).toBe(200);
    expect(ok.data.report).toMatchObject({ ok: true, verified: 40, stored: 40 });
    const c = cli(fx.round.id);
    expect(c.stdout).toMatch(/哈希链完整，40 份答卷/);
    expect(c.status).toBe(0);
  });

  it("an answer changed in the database is named by position and response id, on the page and by the command", async () => {
    const target = await bySeq(17);
    const answers = JSON.parse(target.answers);
    answers.q1 = answers.q1 === 5 ? 1 : 5;
    await prisma.surveyResponse.update({ where: { id: target.id }, data: { answers: JSON.stringify(answers) } });
    const r = await page(await demoCookie("inspector"));
    expect(r.data.report).toMatchObject({ ok: false, verified: 16, firstBreak: { seq: 17, responseId: target.id, reason: "content_changed" } });
    const c = cli(fx.round.id);
    expect(c.stdout).toContain(`哈希链在第 17 环断开（答卷 ${target.id}）`);
    expect(c.status).toBe(1);
    await prisma.surveyResponse.update({ where: { id: target.id }, data: { answers: target.answers } }); // put back
    expect((await verifyRoundChain(fx.round.id))!.ok).toBe(true);
  });

  it("a deleted response is a missing link; a deleted last response a head mismatch", async () => {
    const ninth = await bySeq(9);
    await prisma.surveyResponse.delete({ where: { id: ninth.id } });
    expect((await verifyRoundChain(fx.round.id))!.firstBreak).toMatchObject({ seq: 9, reason: "missing_link" });
    await prisma.surveyResponse.create({ data: ninth }); // put back
    const last = await bySeq(40);
    await prisma.surveyResponse.delete({ where: { id: last.id } });
    expect((await verifyRoundChain(fx.round.id))!.firstBreak).toMatchObject({ seq: 40, responseId: null, reason: "head_mismatch" });
    await prisma.surveyResponse.create({ data: last });
    expect((await verifyRoundChain(fx.round.id))!.ok).toBe(true);
  });

  it("an unknown round: the page is a 404, the command exits 2 with a Chinese message", async () => {
    const r = await call(chainRoute.loader, get(`/admin/counties/${OWN}/rounds/nope/chain`, await demoCookie("yuquan-admin")), { code: OWN, roundId: "nope" });
    expect(r.status).toBe(404);
    const c = cli("no-such-round");
    expect(c.stderr).toMatch(/未找到调查轮次/);
    expect(c.status).toBe(2);
  });

  it("a status changed in the database (not through a review) is named; a reviewed one is not", async () => {
    const r = await bySeq(12);
    expect(r.status).toBe(r.flags ? "flagged" : "valid");
    await prisma.surveyResponse.update({ where: { id: r.id }, data: { status: "excluded", exclusionReason: "直接改库" } });
    expect((await verifyRoundChain(fx.round.id))!.firstBreak).toEqual({ seq: 12, responseId: r.id, reason: "status_changed" });
    await prisma.surveyResponse.update({ where: { id: r.id }, data: { status: r.status, exclusionReason: r.exclusionReason } });
    expect((await verifyRoundChain(fx.round.id))!.ok).toBe(true);
  });

  it("a row written with an invalid position is named as outside the chain", async () => {
    const template = await bySeq(5);
    const forged = { ...template, id: crypto.randomUUID(), idempotencyKey: crypto.randomBytes(12).toString("base64url"), chainSeq: 0 };
    await prisma.surveyResponse.create({ data: forged });
    expect((await verifyRoundChain(fx.round.id))!.firstBreak).toEqual({ seq: 0, responseId: forged.id, reason: "outside_chain" });
    await prisma.surveyResponse.delete({ where: { id: forged.id } });
  });

  it("a row appended beyond the head (without moving it) is named; answers committed during a check are not a break", async () => {
    const length = (await prisma.surveyRound.findUniqueOrThrow({ where: { id: fx.round.id } })).chainLength;
    const template = await bySeq(5);
    const appended = { ...template, id: crypto.randomUUID(), idempotencyKey: crypto.randomBytes(12).toString("base64url"), chainSeq: length + 1 };
    await prisma.surveyResponse.create({ data: appended });
    expect((await verifyRoundChain(fx.round.id))!.firstBreak).toMatchObject({ seq: length + 1, reason: "head_mismatch" });
    await prisma.surveyResponse.delete({ where: { id: appended.id } });

    // Live: answers committed after the check read the round's head (here: after its first page) are counted as
    // arrived during the check, not as a break.
    const report = (await verifyRoundChain(fx.round.id, {
      onProgress: async () => {
        await submit(30);
      },
    }))!;
    expect(report.ok, JSON.stringify(report.firstBreak)).toBe(true);
    expect(report.verified).toBe(length);
    expect(report.arrivedDuringCheck).toBeGreaterThan(0);
    expect((await verifyRoundChain(fx.round.id))!).toMatchObject({ ok: true, verified: length + 30, arrivedDuringCheck: 0 });
  });
});
