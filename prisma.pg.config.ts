import path from "node:path";
import { randomUUID } from "node:crypto";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// The Prisma CLI for PostgreSQL (selected by scripts/prisma.mjs when DATABASE_URL starts with postgresql://).
// Prisma 6.19's WebAssembly schema engine through @prisma/adapter-pg needs three patches to migrate offline;
// each is explained in ../shared/docs/postgres.md §2 (G1, G3/G4, G5).

const DATABASE_URL = process.env.DATABASE_URL ?? "postgresql://app:app_pw@127.0.0.1:54329/appdb";
const SHADOW_DATABASE_URL = process.env.SHADOW_DATABASE_URL; // optional: a pre-created DB, wiped on each use
type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

// Fix 1 (prisma/orm#27403): catalog columns of type `name` (oid 19) and "char" (18) are re-labelled as text.
const AS_TEXT: Record<number, number> = { 18: 25, 19: 25 };
function patchCatalogTypes(adapter: object) {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter));
  if (proto.__catalogTypesPatched) return;
  const performIO = proto.performIO;
  proto.performIO = async function (query: unknown) {
    const result = await performIO.call(this, query);
    for (const f of result?.fields ?? []) if (AS_TEXT[f.dataTypeID]) f.dataTypeID = AS_TEXT[f.dataTypeID];
    return result;
  };
  proto.__catalogTypesPatched = true;
}
// Fix 3: executeScript() splits on every ";" — send each migration as one simple-protocol query instead.
function patchExecuteScript(adapter: object) {
  const proto = Object.getPrototypeOf(adapter);
  if (proto.__executeScriptPatched) return;
  proto.executeScript = async function (script: string) {
    try {
      await this.client.query(script);
    } catch (error) {
      this.onError(error);
    }
  };
  proto.__executeScriptPatched = true;
}
// Discrete fields, never `connectionString`: pg lets connectionString override `database` (fix 2).
function pgConfig(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.slice(1)),
    allowExitOnIdle: true,
  };
}
// Fix 2: an own connectToShadowDb (the adapter's targets the main DB and leaks the shadow DB).
function withFixes(factory: PrismaPg): PrismaPg {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const a = await connect();
    patchCatalogTypes(a);
    patchExecuteScript(a);
    return a;
  };
  factory.connectToShadowDb = async (): Promise<PgAdapter> => {
    if (SHADOW_DATABASE_URL) {
      const shadow = await new PrismaPg(pgConfig(SHADOW_DATABASE_URL)).connect();
      patchCatalogTypes(shadow);
      patchExecuteScript(shadow);
      await shadow.executeScript("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public");
      return shadow;
    }
    const main = await factory.connect();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = await new PrismaPg({ ...pgConfig(DATABASE_URL), database: name }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "pg", "schema.prisma"),
  migrations: { path: path.join("prisma", "pg", "migrations") },
  async adapter() {
    return withFixes(new PrismaPg(pgConfig(DATABASE_URL)));
  },
});
