import { Prisma } from "#app/generated/prisma/client";

/**
 * Prisma's unique-constraint violation (P2002). Both generated clients (SQLite and PostgreSQL) throw the error class
 * of the one shared runtime (@prisma/client/runtime/client), so `instanceof` holds on either database.
 */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}

/** A write that kept colliding with parallel ones; the message (Chinese) asks the user to try again. Answer 409. */
export class ConcurrentWriteError extends Error {
  code = "concurrent_write";
}

/**
 * Runs `write` — one transaction that numbers its new row "last version + 1" — again when a parallel transaction
 * took the same number. On PostgreSQL (READ COMMITTED) both read the same last version; the second insert waits for
 * the first to commit and then fails on the unique index (P2002). That transaction rolled back as a whole, so the
 * retry starts clean and reads the new last version. Each round at least one of the parallel writes commits, so
 * `attempts` parallel writes all succeed; past that a ConcurrentWriteError with `message`.
 */
export async function retryOnUniqueViolation<T>(write: () => Promise<T>, message: string, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      if (attempt >= attempts) throw new ConcurrentWriteError(message);
    }
  }
}
