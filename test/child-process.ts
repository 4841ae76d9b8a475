// Another app process for integration tests: a tsx script on the same DATABASE_URL that talks by printing one JSON
// object per line. Used to prove that state shared between app servers really lives in the database.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import readline from "node:readline";

/** Every child spawned so far (a test's afterAll may kill those a failed test left waiting). */
export const spawnedChildren: ChildProcessWithoutNullStreams[] = [];

export function otherProcess(script: string, ...args: string[]) {
  const p: ChildProcessWithoutNullStreams = spawn("node_modules/.bin/tsx", [script, ...args], { env: process.env, stdio: "pipe" });
  spawnedChildren.push(p);
  let stderr = "";
  p.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const queue: unknown[] = [];
  const waiting: ((x: unknown) => void)[] = [];
  readline.createInterface({ input: p.stdout }).on("line", (l) => {
    const x = JSON.parse(l);
    const w = waiting.shift();
    if (w) w(x);
    else queue.push(x);
  });
  const exited = new Promise<number | null>((res) => p.on("exit", (code) => res(code)));
  return {
    process: p,
    /** The next JSON line it prints; fails with its stderr if it exits first or prints nothing for `timeoutMs`. */
    next(timeoutMs = 30_000): Promise<any> {
      if (queue.length) return Promise.resolve(queue.shift());
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([
        new Promise((res) => waiting.push(res)),
        exited.then((code) => {
          throw new Error(`child exited (${code}) before printing: ${stderr}`);
        }),
        new Promise((_, rej) => (timer = setTimeout(() => rej(new Error(`child printed nothing for ${timeoutMs} ms: ${stderr}`)), timeoutMs))),
      ]).finally(() => clearTimeout(timer));
    },
    /** Its exit code; it must exit by itself with 0 (no timer may hold it). */
    async exit(): Promise<number | null> {
      const code = await exited;
      if (code !== 0) throw new Error(`child exited with ${code}: ${stderr}`);
      return code;
    },
  };
}
