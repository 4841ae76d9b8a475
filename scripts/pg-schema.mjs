// The PostgreSQL schema is derived from the SQLite one (prisma/schema.prisma): same models, same indexes, only the
// datasource and the generated client's folder differ. `node scripts/pg-schema.mjs` rewrites prisma/pg/schema.prisma;
// test/integration/schema-parity.test.ts fails when the committed file is not what this produces.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SQLITE_SCHEMA = path.join(root, "prisma", "schema.prisma");
export const PG_SCHEMA = path.join(root, "prisma", "pg", "schema.prisma");

/** The PostgreSQL schema text for a SQLite schema text. */
export function pgSchemaFrom(sqlite) {
  const out = sqlite
    .replace('output     = "../app/generated/prisma"', 'output     = "../../app/generated/pg"')
    .replace(/datasource db \{[\s\S]*?\n\}/, [
      "datasource db {",
      '  provider = "postgresql"',
      "  // Unused at run time (the pg driver adapter supplies the connection, see prisma.pg.config.ts and",
      "  // app/utils/db.server.ts); a literal url keeps the CLI from looking for the native engine.",
      '  url      = "postgresql://unused@127.0.0.1:1/unused"',
      "}",
    ].join("\n"));
  if (out === sqlite || !out.includes('provider = "postgresql"') || !out.includes("app/generated/pg")) throw new Error("prisma/schema.prisma 的 generator/datasource 块格式已变，请更新 scripts/pg-schema.mjs");
  return "// GENERATED from prisma/schema.prisma by scripts/pg-schema.mjs — edit that file, then run `node scripts/pg-schema.mjs`.\n" + out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.mkdirSync(path.dirname(PG_SCHEMA), { recursive: true });
  fs.writeFileSync(PG_SCHEMA, pgSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));
  console.log(`已生成 ${path.relative(root, PG_SCHEMA)}`);
}
