import { describe, expect, it } from "vitest";
import { Prisma } from "#app/generated/prisma/client";
import { ConcurrentWriteError, isUniqueViolation, retryOnUniqueViolation } from "./unique-violation.server";

const p2002 = () => new Prisma.PrismaClientKnownRequestError("Unique constraint failed", { code: "P2002", clientVersion: "6.19.3" });
const MESSAGE = "同时有其他人正在保存，请稍后重试。";

/** A write that collides `collisions` times, then succeeds; counts its runs. */
function colliding(collisions: number) {
  let runs = 0;
  return {
    write: async () => {
      runs++;
      if (runs <= collisions) throw p2002();
      return `version ${runs}`;
    },
    runs: () => runs,
  };
}

describe("retryOnUniqueViolation", () => {
  it("tells P2002 from other errors", () => {
    expect(isUniqueViolation(p2002())).toBe(true);
    expect(isUniqueViolation(new Prisma.PrismaClientKnownRequestError("FK", { code: "P2003", clientVersion: "6.19.3" }))).toBe(false);
    expect(isUniqueViolation({ code: "P2002" })).toBe(false);
    expect(isUniqueViolation(new Error("P2002"))).toBe(false);
  });
  it.each([0, 1, 4])("runs the write again after %i collisions and returns its result", async (collisions) => {
    const w = colliding(collisions);
    await expect(retryOnUniqueViolation(w.write, MESSAGE)).resolves.toBe(`version ${collisions + 1}`);
    expect(w.runs()).toBe(collisions + 1);
  });
  it("gives up after 5 runs with a ConcurrentWriteError carrying the Chinese message", async () => {
    const w = colliding(5);
    const e = await retryOnUniqueViolation(w.write, MESSAGE).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ConcurrentWriteError);
    expect((e as Error).message).toBe(MESSAGE);
    expect(w.runs()).toBe(5);
  });
  it("does not retry other errors", async () => {
    let runs = 0;
    const boom = new Error("disk full");
    await expect(
      retryOnUniqueViolation(async () => {
        runs++;
        throw boom;
      }, MESSAGE),
    ).rejects.toBe(boom);
    expect(runs).toBe(1);
  });
});
