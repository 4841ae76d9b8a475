import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "#app/generated/prisma/client";
import { resolveDatabaseUrl } from "../../scripts/database-url.mjs";

// One Prisma client per process (kept on globalThis so Vite's dev reloads do not open more).
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

function createClient() {
  // busy timeout: a second process (the seed, a CLI) may hold the write lock briefly.
  const adapter = new PrismaBetterSQLite3({ url: resolveDatabaseUrl(), timeout: 5000 });
  return new PrismaClient({ adapter });
}

export const prisma: PrismaClient = globalForPrisma.prisma ?? (globalForPrisma.prisma = createClient());
