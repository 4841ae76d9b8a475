import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { resolveDatabaseUrl } from "./scripts/database-url.mjs";

// Prisma 6.19 with the WebAssembly schema engine talking through the better-sqlite3 adapter:
// everything works offline (toolchain.md). Once this file exists the CLI does not read .env.

/** migrate dev replays migrations through executeRaw, which better-sqlite3 rejects for multi-statement SQL (P3006). */
function withMultiStatementShadowDb(factory: PrismaBetterSQLite3) {
  const connect = factory.connectToShadowDb.bind(factory);
  factory.connectToShadowDb = async () => {
    const adapter = await connect();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (q) => (q.args.length === 0 ? (await adapter.executeScript(q.sql), 0) : executeRaw(q));
    return adapter;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return withMultiStatementShadowDb(new PrismaBetterSQLite3({ url: resolveDatabaseUrl() }));
  },
});
