import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "#app/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "#app/generated/pg/client";
import { isPostgresUrl, resolveDatabaseUrl } from "../../scripts/database-url.mjs";

// One Prisma client per process (kept on globalThis so Vite's dev reloads do not open more).
//
// The database is chosen by DATABASE_URL: file:… → SQLite (embedded default), postgresql://… → PostgreSQL.
// One generated client cannot serve both (the query compiler is per provider, ../shared/docs/postgres.md §4), so
// there are two, generated from the same models (prisma/schema.prisma and its derived prisma/pg/schema.prisma).
// The app is typed against the SQLite client, whose input types are the narrower ones; the PostgreSQL client is
// the same API at run time and is cast to it.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export type DatabaseKind = "sqlite" | "postgresql";

/** Which database this process talks to. */
export const databaseKind: DatabaseKind = isPostgresUrl(resolveDatabaseUrl()) ? "postgresql" : "sqlite";

/** A new client for a database URL (the app's own `prisma` below; scripts and the seed also use this). */
export function createPrismaClient(url = resolveDatabaseUrl()): PrismaClient {
  if (isPostgresUrl(url)) {
    const max = Number(process.env.PG_POOL_MAX) || 10;
    return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max }) }) as unknown as PrismaClient;
  }
  // busy timeout: a second process (the seed, a CLI) may hold the write lock briefly.
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 5000 }) });
}

export const prisma: PrismaClient = globalForPrisma.prisma ?? (globalForPrisma.prisma = createPrismaClient());
