// The survey submit writer (app/models/survey-submit.server.ts) with several app processes on one database — a
// province deployment runs several app servers. This test process and two real other processes (tsx running
// test/submit-cross-process-child.ts on the same DATABASE_URL, each with the writer's own connection) submit into the
// SAME round at the same time, in interleaved batches: the round's hash chain, the link's cap, one answer per device
// and idempotency keys must hold across processes exactly as within one. On SQLite that is the database's write lock
// between processes (BEGIN IMMEDIATE + busy timeout); on PostgreSQL the round's row lock (SELECT … FOR UPDATE).
// Then: one group-commit batch, proved to be one — decided as if its submissions came one by one.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deviceHash, findQuestionnaireByToken, submitResponse, type SubmitOutcome } from "#app/models/survey-submit.server";
import { verifyRoundChain } from "#app/models/survey-chain.server";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import type { SubmitStore } from "#app/models/survey-store.server";
import { prisma } from "#app/utils/db.server";
import { createOpenRound } from "#test/survey-fixtures";
import { otherProcess, spawnedChildren } from "#test/child-process";
import { runPlan, type ItemResult, type Plan, type PlanItem } from "#test/submit-cross-process-plan";

// Every write transaction of this process's writer, with the number of submissions it carried: the storage back
// ends are wrapped (behaviour unchanged) so a test can tell how many batches the writer made.
const writerLog = vi.hoisted(() => ({
  transactions: [] as number[],
  wrap(store: SubmitStore): SubmitStore {
    return {
      ...store,
      transaction: (tokens, fn) => {
        writerLog.transactions.push(tokens.length);
        return store.transaction(tokens, fn);
      },
    };
  },
}));
vi.mock("#app/models/survey-store-sqlite.server", async (importOriginal) => {
  const orig = await importOriginal<typeof import("#app/models/survey-store-sqlite.server")>();
  return { ...orig, createSqliteStore: (file: string) => writerLog.wrap(orig.createSqliteStore(file)) };
});
vi.mock("#app/models/survey-store-pg.server", async (importOriginal) => {
  const orig = await importOriginal<typeof import("#app/models/survey-store-pg.server")>();
  return { ...orig, createPgStore: (url: string) => writerLog.wrap(orig.createPgStore(url)) };
});

const OWN = "150104";
const social = questionnaireValidator("social.v1")!;
const key = () => crypto.randomBytes(12).toString("base64url");
const device = () => crypto.randomBytes(16).toString("base64url");
const answersFrom = (seed: number) => sampleAnswers(social, seededRandom(seed), { fixed: { identity: "parent" } });
const TMP = path.resolve("test/.tmp");
const files: string[] = [];

afterAll(() => {
  for (const f of files) fs.rmSync(f, { force: true });
  // A child left waiting by a failed test (it exits by itself after its plan).
  for (const p of spawnedChildren) if (p.exitCode === null && p.signalCode === null) p.kill();
});

const accepted = (r: ItemResult) => ("outcome" in r && r.outcome.kind === "accepted" ? r.outcome : null);

describe("survey submit writer across processes", () => {
  const PROCESSES = 3; // this one + 2 children
  const BATCHES = 10;
  const PER_BATCH = { distinct: 12, sharedDevice: 3, capped: 2, sharedKey: 2 };
  const CAP = 25; // < PROCESSES × BATCHES × PER_BATCH.capped = 60

  let fx: Awaited<ReturnType<typeof createOpenRound>>;
  let token = "";
  let capped = { id: "", token: "" };
  beforeAll(async () => {
    fx = await createOpenRound(OWN); // one answer per device (the default)
    token = (await fx.link("social")).token;
    capped = await fx.link("social", { cap: CAP });
  });

  /**
   * The plans: per batch, each process sends its own distinct answers, the same device tokens as the others (with its
   * own keys and answers), its own answers through the capped link, and the same idempotency keys as the others (same
   * answers and device: a phone retrying through another server). Each process's batch is in its own order.
   */
  function plans(): Plan[] {
    const shared = Array.from({ length: BATCHES }, (_, b) => ({
      devices: Array.from({ length: PER_BATCH.sharedDevice }, device),
      keys: Array.from({ length: PER_BATCH.sharedKey }, (_, j) => ({ key: key(), device: device(), answers: answersFrom(90_000 + b * 10 + j) })),
    }));
    return Array.from({ length: PROCESSES }, (_, p) => {
      const random = seededRandom(1000 + p);
      const batches = shared.map((s, b) => {
        const item = (kind: PlanItem["kind"], j: number, rest: Pick<PlanItem, "token" | "idempotencyKey" | "deviceToken" | "answers">): PlanItem => ({
          id: `${kind}-${b}-${j}`,
          kind,
          questionnaire: "social.v1",
          ...rest,
        });
        const seed = (j: number) => p * 100_000 + b * 100 + j;
        const batch = [
          ...Array.from({ length: PER_BATCH.distinct }, (_, j) => item("distinct", j, { token, idempotencyKey: key(), deviceToken: device(), answers: answersFrom(seed(j)) })),
          ...s.devices.map((d, j) => item("sharedDevice", j, { token, idempotencyKey: key(), deviceToken: d, answers: answersFrom(seed(50 + j)) })),
          ...Array.from({ length: PER_BATCH.capped }, (_, j) => item("capped", j, { token: capped.token, idempotencyKey: key(), deviceToken: device(), answers: answersFrom(seed(70 + j)) })),
          ...s.keys.map((k, j) => item("sharedKey", j, { token, idempotencyKey: k.key, deviceToken: k.device, answers: k.answers })),
        ];
        // Fisher–Yates with this process's own seed.
        for (let i = batch.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [batch[i], batch[j]] = [batch[j]!, batch[i]!];
        }
        return batch;
      });
      return { process: p, batches, gapMs: 15 };
    });
  }

  it("three processes submitting into one round: chain, cap, one per device and idempotency keys hold", async () => {
    const started = Date.now();
    const all = plans();
    const children = all.slice(1).map((plan) => {
      const file = path.join(TMP, `submit-xp-${process.pid}-${crypto.randomBytes(4).toString("hex")}.json`);
      fs.writeFileSync(file, JSON.stringify(plan));
      files.push(file);
      return otherProcess("test/submit-cross-process-child.ts", file);
    });
    // Both children boot (tsx, the app's writer modules, the writer's connection; ~1 s here, up to 30 s allowed on a
    // loaded machine) before anyone starts; then all start at one agreed instant.
    for (const c of children) expect(await c.next()).toMatchObject({ ready: true });
    expect(await findQuestionnaireByToken(token)).toBe("social.v1"); // this process's writer connection, likewise
    const booted = Date.now();
    const startAt = booted + 500;
    for (const c of children) c.process.stdin.write(`go ${startAt}\n`);
    const txBefore = writerLog.transactions.length;
    const [mine, ...theirs] = await Promise.all([runPlan(all[0]!, startAt), ...children.map(async (c) => (await c.next()).results as ItemResult[])]);
    await Promise.all(children.map((c) => c.exit()));
    const results = [mine!, ...theirs].flat();
    expect(results).toHaveLength(PROCESSES * BATCHES * Object.values(PER_BATCH).reduce((a, b) => a + b, 0));

    // No process got an error (a storage error would be answered 503).
    expect(results.filter((r) => "error" in r)).toEqual([]);
    const byItem = new Map<string, ItemResult[]>();
    for (const r of results) byItem.set(r.id, [...(byItem.get(r.id) ?? []), r]);
    const outcomes = (id: string) => byItem.get(id)!.map((r) => (r as { outcome: SubmitOutcome }).outcome);

    // Distinct answers: every one stored, none taken for another's.
    for (const r of results.filter((x) => x.kind === "distinct")) expect(accepted(r)).toMatchObject({ duplicate: false });
    // The same device from every process: exactly one accepted, the others refused as already answered.
    for (let b = 0; b < BATCHES; b++)
      for (let j = 0; j < PER_BATCH.sharedDevice; j++) {
        const kinds = outcomes(`sharedDevice-${b}-${j}`).map((o) => (o.kind === "accepted" && !o.duplicate ? "accepted" : o.kind));
        expect(kinds.sort(), `device ${b}-${j}`).toEqual(["accepted", ...Array(PROCESSES - 1).fill("already_answered")].sort());
      }
    // The same idempotency key from every process: stored once, and every process got that one receipt.
    const sharedKeyReceipts: string[] = [];
    for (let b = 0; b < BATCHES; b++)
      for (let j = 0; j < PER_BATCH.sharedKey; j++) {
        const os = outcomes(`sharedKey-${b}-${j}`);
        expect(os.every((o) => o.kind === "accepted")).toBe(true);
        const receipts = new Set(os.map((o) => (o as { receipt: string }).receipt));
        expect(receipts.size, `key ${b}-${j}`).toBe(1);
        expect(os.filter((o) => !(o as { duplicate: boolean }).duplicate)).toHaveLength(1);
        sharedKeyReceipts.push([...receipts][0]!);
      }
    // The capped link: exactly `cap` accepted across the processes, every other one refused as full.
    const cappedOutcomes = results.filter((r) => r.kind === "capped").map((r) => (r as { outcome: SubmitOutcome }).outcome);
    expect(cappedOutcomes.filter((o) => o.kind === "accepted")).toHaveLength(CAP);
    expect(cappedOutcomes.filter((o) => o.kind !== "accepted")).toEqual(Array(cappedOutcomes.length - CAP).fill({ kind: "unavailable", status: "cap_reached" }));

    // The database.
    const stored = results.filter((r) => accepted(r) && !accepted(r)!.duplicate);
    const expectedRows = PROCESSES * BATCHES * PER_BATCH.distinct + BATCHES * PER_BATCH.sharedDevice + CAP + BATCHES * PER_BATCH.sharedKey;
    expect(stored).toHaveLength(expectedRows);
    const rows = await prisma.surveyResponse.findMany({ where: { roundId: fx.round.id }, orderBy: { chainSeq: "asc" }, select: { id: true, chainSeq: true, linkId: true, idempotencyKey: true, receivedAt: true } });
    expect(rows).toHaveLength(expectedRows);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(stored.map((r) => accepted(r)!.receipt)));
    // The chain: positions 1..n without gaps, every link verified, the round's recorded length n.
    expect(rows.map((r) => r.chainSeq)).toEqual(Array.from({ length: expectedRows }, (_, i) => i + 1));
    const round = await prisma.surveyRound.findUniqueOrThrow({ where: { id: fx.round.id }, select: { chainLength: true } });
    expect(round.chainLength).toBe(expectedRows);
    const chain = (await verifyRoundChain(fx.round.id))!;
    expect(chain.ok, JSON.stringify(chain.firstBreak)).toBe(true);
    expect(chain.verified).toBe(expectedRows);
    expect(chain.expectedLength).toBe(expectedRows);
    // Each repeated key stored once, as the receipt every process got.
    for (const receipt of sharedKeyReceipts) expect(rows.filter((r) => r.id === receipt)).toHaveLength(1);
    expect(new Set(rows.map((r) => r.idempotencyKey)).size).toBe(expectedRows);
    // The capped link: `cap` responses and its counter says so; the other link counts the rest.
    const links = await prisma.surveyLink.findMany({ where: { roundId: fx.round.id }, select: { id: true, responseCount: true } });
    expect(links.find((l) => l.id === capped.id)!.responseCount).toBe(CAP);
    expect(rows.filter((r) => r.linkId === capped.id)).toHaveLength(CAP);
    expect(links.find((l) => l.id !== capped.id)!.responseCount).toBe(expectedRows - CAP);
    // One participation row per device that answered, each counted once; the shared devices once each.
    const salt = (await prisma.surveyRound.findUniqueOrThrow({ where: { id: fx.round.id }, select: { deviceSalt: true } })).deviceSalt;
    const participation = await prisma.surveyParticipation.findMany({ where: { roundId: fx.round.id }, select: { deviceHash: true, count: true } });
    expect(participation).toHaveLength(expectedRows);
    expect(participation.filter((p) => p.count !== 1)).toEqual([]);
    const sharedDevices = new Set(all[0]!.batches.flat().filter((i) => i.kind === "sharedDevice").map((i) => deviceHash(salt, i.deviceToken!)));
    expect(participation.filter((p) => sharedDevices.has(p.deviceHash))).toHaveLength(BATCHES * PER_BATCH.sharedDevice);

    // It really ran concurrently: in chain order, the rows of the processes alternate (batches interleaved), and this
    // process's writer made several transactions.
    const origin = new Map(stored.map((r) => [accepted(r)!.receipt, r.process]));
    const sequence = rows.map((r) => origin.get(r.id)!);
    const switches = sequence.filter((p, i) => i > 0 && p !== sequence[i - 1]).length;
    expect(new Set(sequence).size).toBe(PROCESSES);
    expect(switches).toBeGreaterThanOrEqual(PROCESSES);
    expect(writerLog.transactions.length - txBefore).toBeGreaterThan(1);
    console.log(
      `submit across processes: rows=${rows.length} submissions=${results.length} switches=${switches} ` +
        `batches_here=${writerLog.transactions.length - txBefore} boot_ms=${booted - started} run_ms=${Date.now() - startAt}`,
    );
  }, 60_000);
});

describe("survey submit writer: one group-commit batch", () => {
  it("submissions handed over in the same tick are one transaction, decided as if one by one", async () => {
    const fx = await createOpenRound(OWN);
    const token = (await fx.link("social")).token;
    const capped = await fx.link("social", { cap: 2 });
    // Let the writer go idle: nothing of another test may join the batch.
    await new Promise((res) => setTimeout(res, 50));
    const d = device();
    const same = answersFrom(424242);
    const repeated = { key: key(), device: device(), answers: answersFrom(7) };
    const subs: { token: string; idempotencyKey: string; deviceToken: string | null; answers: ReturnType<typeof answersFrom> }[] = [
      /* 0 */ { token, idempotencyKey: key(), deviceToken: d, answers: answersFrom(1) },
      /* 1 */ { token, idempotencyKey: key(), deviceToken: d, answers: answersFrom(2) },
      /* 2 */ { token, idempotencyKey: key(), deviceToken: device(), answers: same },
      /* 3 */ { token, idempotencyKey: key(), deviceToken: device(), answers: same },
      /* 4 */ { token, idempotencyKey: key(), deviceToken: device(), answers: same },
      /* 5 */ { token: capped.token, idempotencyKey: key(), deviceToken: device(), answers: answersFrom(3) },
      /* 6 */ { token: capped.token, idempotencyKey: key(), deviceToken: device(), answers: answersFrom(4) },
      /* 7 */ { token: capped.token, idempotencyKey: key(), deviceToken: device(), answers: answersFrom(5) },
      /* 8 */ { token, idempotencyKey: repeated.key, deviceToken: repeated.device, answers: repeated.answers },
      /* 9 */ { token, idempotencyKey: repeated.key, deviceToken: repeated.device, answers: repeated.answers },
      /* 10 */ { token, idempotencyKey: key(), deviceToken: device(), answers: answersFrom(6) },
      /* 11 */ { token, idempotencyKey: key(), deviceToken: null, answers: answersFrom(8) },
    ];
    const txBefore = writerLog.transactions.length;
    // No await in between: all of them are queued before the writer's next turn.
    const pending = subs.map((s) => {
      const checked = social.validate(s.answers);
      if (!checked.ok) throw new Error("sample answers do not validate");
      return submitResponse({ ...s, answers: checked.value, group: checked.group, area: checked.area, gradeBand: checked.gradeBand, durationSeconds: 240, validator: social });
    });
    const out = await Promise.all(pending);

    // One transaction carried all of them.
    expect(writerLog.transactions.slice(txBefore)).toEqual([subs.length]);
    // The outcomes, in the order handed over (a batch is decided in that order).
    const shape = (o: SubmitOutcome) => (o.kind === "accepted" ? (o.duplicate ? "duplicate" : "accepted") : o.kind === "unavailable" ? o.status : o.kind);
    expect(out.map(shape)).toEqual(["accepted", "already_answered", "accepted", "accepted", "accepted", "accepted", "accepted", "cap_reached", "accepted", "duplicate", "accepted", "accepted"]);
    const receipt = (i: number) => (out[i] as { receipt: string }).receipt;
    expect(receipt(9)).toBe(receipt(8));
    const burst = (i: number) => (out[i] as { flags: { code: string }[] }).flags.some((f) => f.code === "burst");
    expect([burst(2), burst(3), burst(4)]).toEqual([false, false, true]); // the 3rd identical answer (2 earlier in the batch)

    // The rows: one receivedAt (one batch), chained 1..n in the order handed over.
    const storedOrder = [0, 2, 3, 4, 5, 6, 8, 10, 11];
    const rows = await prisma.surveyResponse.findMany({ where: { roundId: fx.round.id }, orderBy: { chainSeq: "asc" }, select: { id: true, chainSeq: true, receivedAt: true, idempotencyKey: true } });
    expect(rows.map((r) => r.id)).toEqual(storedOrder.map(receipt));
    expect(rows.map((r) => r.chainSeq)).toEqual(storedOrder.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.receivedAt.getTime())).size).toBe(1);
    expect(rows.filter((r) => r.idempotencyKey === repeated.key)).toHaveLength(1);
    const chain = (await verifyRoundChain(fx.round.id))!;
    expect(chain.ok, JSON.stringify(chain.firstBreak)).toBe(true);
    expect(chain.verified).toBe(storedOrder.length);
    // The capped link holds its cap; each device that answered took part once (the refused ones not at all).
    expect((await prisma.surveyLink.findUniqueOrThrow({ where: { id: capped.id } })).responseCount).toBe(2);
    const participation = await prisma.surveyParticipation.findMany({ where: { roundId: fx.round.id }, select: { deviceHash: true, count: true } });
    expect(participation.map((p) => p.count)).toEqual(Array(8).fill(1)); // 9 stored, one without a device token
    expect(participation.filter((p) => p.deviceHash === deviceHash(fx.round.deviceSalt, d))).toEqual([{ deviceHash: deviceHash(fx.round.deviceSalt, d), count: 1 }]);
  });
});
