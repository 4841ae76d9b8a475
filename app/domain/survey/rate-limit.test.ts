import { describe, expect, it } from "vitest";
import { allows, estimate, mergeGlobal, RateTally, SUBMIT_RATE, windowEndMs, windowOf, type RateRule } from "./rate-limit";

const RULE: RateRule = { windowSeconds: 10, allowance: 3, syncMs: 1000, syncFrom: 1, maxKeys: 100 };
const T0 = 1_700_000_000_000; // a window boundary: 1 700 000 000 s is a multiple of 10

describe("window arithmetic", () => {
  it.each([
    [0, 0],
    [9_999, 0],
    [10_000, 1],
    [T0 - 1, 169_999_999],
    [T0, 170_000_000],
    [T0 + 9_999, 170_000_000],
  ])("%i ms → window %i", (ms, w) => {
    expect(windowOf(ms, RULE)).toBe(w);
  });
  it("a window ends where the next begins", () => {
    expect(windowEndMs(170_000_000, RULE)).toBe(T0 + 10_000);
    expect(windowOf(windowEndMs(170_000_000, RULE), RULE)).toBe(170_000_001);
  });
  it("fits the database column (32-bit integer) for centuries", () => {
    expect(windowOf(Date.UTC(2200, 0, 1), SUBMIT_RATE)).toBeLessThan(2 ** 31);
  });
});

describe("allowance", () => {
  it.each([
    ["unknown key", undefined, 3, true],
    ["below (synced + in flight + pending = 2)", { synced: 1, inFlight: 0, pending: 1 }, 3, true],
    ["exactly at the allowance", { synced: 2, inFlight: 0, pending: 1 }, 3, false],
    ["in-flight increments still count", { synced: 0, inFlight: 3, pending: 0 }, 3, false],
    ["another process pushed the global count over", { synced: 500, inFlight: 0, pending: 0 }, 300, false],
  ])("%s", (_name, t, allowance, ok) => {
    expect(allows(t, allowance)).toBe(ok);
  });
  it("the submit numbers: 300 per key per 10 s (30/s sustained, like the former 300-burst 30/s bucket)", () => {
    expect(SUBMIT_RATE.allowance / SUBMIT_RATE.windowSeconds).toBe(30);
    expect(SUBMIT_RATE.allowance).toBe(300);
  });
});

describe("merge", () => {
  it.each([
    ["nothing new while in flight", { synced: 10, inFlight: 5, pending: 0 }, 5, 40, { synced: 40, inFlight: 0, pending: 0 }],
    ["requests during the flush stay pending", { synced: 10, inFlight: 5, pending: 2 }, 5, 15, { synced: 15, inFlight: 0, pending: 2 }],
    ["two flushes in flight, the first returns", { synced: 0, inFlight: 7, pending: 0 }, 4, 4, { synced: 4, inFlight: 3, pending: 0 }],
  ])("%s", (_name, t, flushed, global, expected) => {
    expect(mergeGlobal(t, flushed, global)).toEqual(expected);
    expect(estimate(expected)).toBe(expected.synced + expected.inFlight + expected.pending);
  });
});

describe("RateTally", () => {
  it("allows exactly the allowance per key and window, refused requests count nothing", () => {
    const t = new RateTally(RULE);
    expect([1, 2, 3, 4, 5].map((i) => t.take("a", T0 + i))).toEqual([true, true, true, false, false]);
    expect(t.count("a", T0)).toBe(3);
    expect(t.take("b", T0 + 6)).toBe(true); // other keys are independent
    expect(t.take("a", T0 + 10_000)).toBe(true); // next window
  });

  it("a sync that reads back another process's increments refuses the key", () => {
    const t = new RateTally({ ...RULE, allowance: 300 });
    expect(t.take("school", T0)).toBe(true);
    const [batch] = t.drain(T0 + 1000);
    expect(batch).toEqual({ window: windowOf(T0, RULE), increments: [{ key: "school", count: 1 }] });
    expect(t.count("school", T0 + 1000)).toBe(1); // in flight still counts
    t.settle(batch!.window, batch!.increments, new Map([["school", 301]])); // the other process used 300
    expect(t.take("school", T0 + 1001)).toBe(false);
  });

  it("increments made during a flush are kept, and flushed next time", () => {
    const t = new RateTally(RULE);
    t.take("a", T0);
    const [batch] = t.drain(T0 + 1);
    t.take("a", T0 + 2);
    t.settle(batch!.window, batch!.increments, new Map([["a", 1]]));
    expect(t.count("a", T0 + 3)).toBe(2);
    expect(t.drain(T0 + 4)).toEqual([{ window: batch!.window, increments: [{ key: "a", count: 1 }] }]);
  });

  it("a failed flush puts the increments back as pending", () => {
    const t = new RateTally(RULE);
    t.take("a", T0);
    t.take("a", T0);
    const [batch] = t.drain(T0 + 1);
    t.restore(batch!.window, batch!.increments);
    expect(t.count("a", T0 + 2)).toBe(2);
    expect(t.drain(T0 + 3)).toEqual([{ window: batch!.window, increments: [{ key: "a", count: 2 }] }]);
  });

  it("nothing pending, nothing to flush", () => {
    const t = new RateTally(RULE);
    expect(t.drain(T0)).toEqual([]);
    t.take("a", T0);
    t.drain(T0 + 1);
    expect(t.drain(T0 + 2)).toEqual([]);
  });

  it("at window end the ended window's last increments go out once, then it is dropped", () => {
    const t = new RateTally(RULE);
    t.take("a", T0 + 9_000);
    t.take("a", T0 + 10_500); // new window
    const batches = t.drain(T0 + 10_600);
    expect(batches).toEqual([
      { window: windowOf(T0, RULE), increments: [{ key: "a", count: 1 }] },
      { window: windowOf(T0, RULE) + 1, increments: [{ key: "a", count: 1 }] },
    ]);
    expect(t.size).toBe(1);
    // A late answer for the dropped window changes nothing.
    t.settle(batches[0]!.window, batches[0]!.increments, new Map([["a", 99]]));
    expect(t.count("a", T0 + 10_700)).toBe(1);
  });

  it("windows older than the previous one are dropped without being flushed", () => {
    const t = new RateTally(RULE);
    t.take("a", T0);
    t.take("b", T0 + 30_000);
    expect(t.drain(T0 + 30_001).map((b) => b.window)).toEqual([windowOf(T0, RULE) + 3]);
  });

  it("memory is bounded: beyond maxKeys an unseen key is allowed without being tracked", () => {
    const t = new RateTally({ ...RULE, maxKeys: 2 });
    expect(t.take("a", T0)).toBe(true);
    expect(t.take("b", T0)).toBe(true);
    expect(t.take("c", T0)).toBe(true);
    expect(t.size).toBe(2);
    expect(t.count("c", T0)).toBe(0);
  });

  it("a key is written only from its syncFrom-th request in the window", () => {
    const t = new RateTally({ ...RULE, allowance: 300, syncFrom: 10 });
    for (let i = 0; i < 9; i++) t.take("phone", T0);
    t.take("other", T0);
    expect(t.drain(T0 + 1)).toEqual([]);
    t.take("phone", T0 + 2);
    expect(t.drain(T0 + 3)).toEqual([{ window: windowOf(T0, RULE), increments: [{ key: "phone", count: 10 }] }]);
    // Once over the threshold, every further increment is written.
    t.take("phone", T0 + 4);
    expect(t.drain(T0 + 5)).toEqual([{ window: windowOf(T0, RULE), increments: [{ key: "phone", count: 1 }] }]);
  });

  it("a process that has seen nothing in the window learns used-up keys too", () => {
    const t = new RateTally({ ...RULE, allowance: 300, syncFrom: 10 });
    t.learn(windowOf(T0, RULE), new Map([["school", 300]]));
    expect(t.take("school", T0 + 1)).toBe(false);
    expect(t.take("other", T0 + 1)).toBe(true);
    expect(t.drain(T0 + 2)).toEqual([]);
  });

  it("learning a key used up elsewhere refuses it here, without writing anything for it", () => {
    const t = new RateTally({ ...RULE, allowance: 300, syncFrom: 10 });
    const w = windowOf(T0, RULE);
    t.take("known", T0);
    expect(t.take("school", T0)).toBe(true); // nothing known yet: decided on the own count
    t.learn(w, new Map([["school", 300], ["elsewhere", 312], ["known", 300]]));
    expect(t.take("school", T0 + 1)).toBe(false);
    expect(t.take("elsewhere", T0 + 1)).toBe(false);
    expect(t.take("known", T0 + 1)).toBe(false);
    expect(t.count("known", T0 + 1)).toBe(301); // the own increment is not in the global count yet
    // Their own increments now count over syncFrom (the learnt global is part of the estimate) and are written.
    expect(t.drain(T0 + 2)).toEqual([{ window: w, increments: [{ key: "known", count: 1 }, { key: "school", count: 1 }] }]);
  });

  it("learning never lowers an estimate, and counts only in its own window", () => {
    const t = new RateTally({ ...RULE, allowance: 300 });
    const w = windowOf(T0, RULE);
    for (let i = 0; i < 5; i++) t.take("a", T0);
    const [batch] = t.drain(T0 + 1);
    t.settle(w, batch!.increments, new Map([["a", 50]]));
    t.learn(w, new Map([["a", 20]]));
    expect(t.count("a", T0 + 2)).toBe(50);
    t.learn(w - 1, new Map([["b", 999]]));
    expect(t.take("b", T0 + 3)).toBe(true);
  });

  it("settle without a read-back row keeps the estimate", () => {
    const t = new RateTally(RULE);
    t.take("a", T0);
    const [batch] = t.drain(T0 + 1);
    t.settle(batch!.window, batch!.increments, new Map());
    expect(t.count("a", T0 + 2)).toBe(1);
  });
});
