// One default for the database location, shared by the Prisma CLI config, the app and the scripts.
// Data lives in the git-ignored ./data folder unless DATABASE_URL (or DATA_DIR) says otherwise.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project root: the nearest folder above this module holding package.json (works from build/server too). */
function findProjectRoot() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

export const projectRoot = findProjectRoot();
export const dataDir = process.env.DATA_DIR ? path.resolve(process.env.DATA_DIR) : path.join(projectRoot, "data");

/** True for a PostgreSQL URL (postgresql:// or postgres://): the app then uses the PostgreSQL client and migrations. */
export function isPostgresUrl(url = resolveDatabaseUrl()) {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * The database URL in force: DATABASE_URL, else file:<project>/data/app.db (SQLite). Relative file: URLs are resolved
 * against the project root; postgresql:// URLs are used as they are.
 */
export function resolveDatabaseUrl() {
  const url = process.env.DATABASE_URL;
  if (!url) return `file:${path.join(dataDir, "app.db")}`;
  if (url.startsWith("file:")) {
    const p = url.slice("file:".length);
    return `file:${path.isAbsolute(p) ? p : path.join(projectRoot, p)}`;
  }
  return url;
}

/** Filesystem path of a file: URL. */
export function sqlitePath(url = resolveDatabaseUrl()) {
  if (!url.startsWith("file:")) throw new Error(`不是 SQLite 数据库地址: ${url}`);
  return url.slice("file:".length);
}
