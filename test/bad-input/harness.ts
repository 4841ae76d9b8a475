// The bad-input corpus: one case = one request, the status and Chinese message it must get, and the exact change it
// may make to the database (nothing, for a refused request). Cases are plain data built from tables (the
// *-cases.ts files); test/integration/bad-input-corpus.test.ts runs each as its own test and sums them up.
import { DATA_MODELS, diffDb, rowCounts, snapshotDb, type DbChanges, type DbSnapshot, type ModelName } from "./db-snapshot";
import type { CorpusContext } from "./context";

/** What a request got back: the status and the body (parsed JSON / route data, or the text of an HTML page). */
export interface Outcome {
  status: number;
  body: unknown;
}

export type Category = "survey-submit" | "survey-submit-lean" | "statistics-import" | "roster-import" | "admin-forms" | "login";

export interface BadInputCase {
  category: Category;
  name: string;
  /** Preparation whose writes do not belong to the case (e.g. the first submission of a replayed one). */
  setup?: (ctx: CorpusContext) => Promise<void>;
  send: (ctx: CorpusContext) => Promise<Outcome>;
  /** Expected status (one of). */
  status: number | readonly number[];
  /** The Chinese message that must be among the response's messages (refusals always need some Chinese message). */
  message?: RegExp;
  /** The exact change the request may make (rows added/removed per table; an in-place update is 1 added + 1 removed). Default: nothing. */
  writes?: DbChanges;
  /** Tables that may see in-place updates on top of `writes` (bookkeeping such as a round's hash-chain head). */
  mayUpdate?: readonly ModelName[];
  /** Further checks of the outcome or of the stored rows. */
  check?: (outcome: Outcome, ctx: CorpusContext) => Promise<void> | void;
}

export interface CaseResult {
  category: Category;
  name: string;
  status: number;
  serverError: boolean;
  partialWrite: boolean;
  problems: string[];
}

const CJK = /[\u3400-\u9fff]/;

/** The user-facing messages of a response: message / formError / fieldErrors / errors[], or the text of a page. */
export function messagesOf(body: unknown): string[] {
  if (typeof body === "string") return body.trim() ? [body] : [];
  if (typeof body !== "object" || body === null) return [];
  const b = body as Record<string, unknown>;
  const out: string[] = [];
  for (const key of ["message", "formError"]) if (typeof b[key] === "string" && b[key]) out.push(b[key] as string);
  if (b.fieldErrors && typeof b.fieldErrors === "object") for (const v of Object.values(b.fieldErrors)) if (typeof v === "string") out.push(v);
  if (Array.isArray(b.errors)) for (const e of b.errors) out.push(typeof e === "string" ? e : String((e as { message?: unknown })?.message ?? ""));
  return out.filter((m) => m !== "");
}

function changesMatch(actual: DbChanges, expected: DbChanges, mayUpdate: readonly ModelName[]): boolean {
  for (const model of DATA_MODELS) {
    const a = actual[model] ?? { added: 0, removed: 0 };
    const e = expected[model] ?? { added: 0, removed: 0 };
    const extraAdded = a.added - e.added;
    const extraRemoved = a.removed - e.removed;
    if (extraAdded === 0 && extraRemoved === 0) continue;
    if (mayUpdate.includes(model) && extraAdded === extraRemoved && extraAdded > 0 && extraAdded <= 1) continue;
    return false;
  }
  return true;
}

const describeChanges = (c: DbChanges) =>
  Object.entries(c)
    .map(([m, v]) => `${m} +${v!.added}/-${v!.removed}`)
    .join(", ") || "无";

/**
 * Runs the cases one after the other, each between two snapshots of the whole database. The snapshot after a case
 * is the one before the next (nothing else writes in between), unless the next case has a setup.
 */
export class CorpusRunner {
  readonly results: CaseResult[] = [];
  private last: DbSnapshot | null = null;

  constructor(private readonly ctx: () => CorpusContext) {}

  /** Runs one case and records it; returns the problems (empty when it behaved). */
  async run(c: BadInputCase): Promise<string[]> {
    const ctx = this.ctx();
    if (c.setup) {
      await c.setup(ctx);
      this.last = null;
    }
    const before = this.last ?? (await snapshotDb());
    const problems: string[] = [];
    let outcome: Outcome;
    let serverError = false;
    try {
      outcome = await c.send(ctx);
    } catch (e) {
      serverError = true;
      outcome = { status: 500, body: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
      problems.push(`请求抛出了未处理的异常（相当于 500）：${String(outcome.body).slice(0, 300)}`);
    }
    const after = await snapshotDb();
    this.last = after;
    if (outcome.status >= 500 && !serverError) {
      serverError = true;
      problems.push(`服务器错误 ${outcome.status}：${JSON.stringify(outcome.body).slice(0, 300)}`);
    }
    const expected = Array.isArray(c.status) ? c.status : [c.status];
    if (!expected.includes(outcome.status)) problems.push(`状态码 ${outcome.status}，应为 ${expected.join(" 或 ")}；响应：${JSON.stringify(outcome.body).slice(0, 400)}`);
    const messages = messagesOf(outcome.body);
    if (outcome.status >= 400) {
      if (messages.length === 0) problems.push(`拒绝时没有给出提示信息：${JSON.stringify(outcome.body).slice(0, 300)}`);
      for (const m of messages) if (!CJK.test(m)) problems.push(`提示信息不是中文：${JSON.stringify(m).slice(0, 200)}`);
    }
    if (c.message && !messages.some((m) => c.message!.test(m))) problems.push(`缺少提示 ${c.message}；实际：${JSON.stringify(messages).slice(0, 400)}`);
    const changes = diffDb(before, after);
    const partialWrite = !changesMatch(changes, c.writes ?? {}, c.mayUpdate ?? []);
    if (partialWrite) problems.push(`数据库变化 ${describeChanges(changes)}，应为 ${describeChanges(c.writes ?? {})}（行数 ${JSON.stringify(rowCounts(after))}）`);
    if (c.check && !serverError) {
      try {
        await c.check(outcome, ctx);
      } catch (e) {
        problems.push(`附加检查未通过：${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.results.push({ category: c.category, name: c.name, status: outcome.status, serverError, partialWrite, problems });
    return problems;
  }

  /** The summary line the suite ends with. */
  summary(): string {
    const serverErrors = this.results.filter((r) => r.serverError).length;
    const partialWrites = this.results.filter((r) => r.partialWrite).length;
    return `cases=${this.results.length} server_errors=${serverErrors} partial_writes=${partialWrites}`;
  }
}
