// A throwaway PostgreSQL cluster on loopback for tests and benchmarks (Debian's postgresql package):
//   node scripts/pg-cluster.mjs start [dir] [port]   → prints DATABASE_URL=postgresql://app:app_pw@127.0.0.1:<port>/appdb
//   node scripts/pg-cluster.mjs stop [dir]
// Runs the server as the `postgres` system user when started as root (initdb refuses root). Nothing of the
// machine's own clusters is touched. Steps and traps: ../shared/docs/postgres.md §1 and §5.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PG_USER = "app";
export const PG_PASSWORD = "app_pw";
export const PG_DB = "appdb";

/** The newest installed /usr/lib/postgresql/<n>/bin, or null. */
export function pgBinDir() {
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return null;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb"))).sort((a, b) => Number(a) - Number(b));
  return versions.length ? path.join(base, versions.at(-1), "bin") : null;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
function runAs(bin, args, opts = {}) {
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return execFileSync(cmd, argv, { stdio: "pipe", encoding: "utf8", ...opts });
}
function mkdirOwned(dir, mode) {
  fs.mkdirSync(dir, { recursive: true, mode });
  if (asRoot) execFileSync("chown", ["postgres:postgres", dir]);
  fs.chmodSync(dir, mode);
}

/** Starts a fresh cluster in `dir` on `port` (wiping an old one there); returns the app's DATABASE_URL. */
export function startCluster(dir, port) {
  const bin = pgBinDir();
  if (!bin) throw new Error("未找到 PostgreSQL（/usr/lib/postgresql/*/bin）。请先安装：apt-get install -y postgresql");
  stopCluster(dir);
  fs.rmSync(dir, { recursive: true, force: true });
  mkdirOwned(dir, 0o700);
  mkdirOwned(path.join(dir, "data"), 0o700);
  mkdirOwned(path.join(dir, "sock"), 0o755); // must be writable by postgres (trap in postgres.md §1)
  runAs(path.join(bin, "initdb"), ["-D", path.join(dir, "data"), "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"]);
  // Tuned for a throwaway test/bench server: more connections for 4 app processes × pool, fsync stays ON.
  runAs(path.join(bin, "pg_ctl"), ["-D", path.join(dir, "data"), "-l", path.join(dir, "server.log"), "-w", "-o", `-c listen_addresses=127.0.0.1 -p ${port} -k ${path.join(dir, "sock")} -c max_connections=200`, "start"]);
  execFileSync("psql", ["-h", path.join(dir, "sock"), "-p", String(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", `CREATE ROLE ${PG_USER} LOGIN PASSWORD '${PG_PASSWORD}' CREATEDB`, "-c", `CREATE DATABASE ${PG_DB} OWNER ${PG_USER}`], { stdio: "pipe" });
  return `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${PG_DB}`;
}

/** Stops the cluster in `dir` if one runs there. */
export function stopCluster(dir) {
  const bin = pgBinDir();
  const data = path.join(dir, "data");
  if (!bin || !fs.existsSync(path.join(data, "postmaster.pid"))) return;
  spawnSync(asRoot ? "runuser" : path.join(bin, "pg_ctl"), [...(asRoot ? ["-u", "postgres", "--", path.join(bin, "pg_ctl")] : []), "-D", data, "-m", "fast", "-w", "stop"], { stdio: "pipe" });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [cmd, dir = path.join(os.tmpdir(), "yzjh-pg"), port = "54330"] = process.argv.slice(2);
  try {
    if (cmd === "start") console.log(`DATABASE_URL=${startCluster(path.resolve(dir), Number(port))}`);
    else if (cmd === "stop") stopCluster(path.resolve(dir));
    else {
      console.error("用法：node scripts/pg-cluster.mjs start|stop [目录] [端口]");
      process.exit(2);
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    if (e?.stderr) console.error(String(e.stderr));
    process.exit(1);
  }
}
