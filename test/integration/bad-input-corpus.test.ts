// The bad-input corpus (test/bad-input/): several hundred malformed, oversized, wrong-type, injected, replayed or
// forged requests against the survey submit path (Remix route and lean handler), the statistics and roster imports,
// the admin forms and the login. Each is one test: no 5xx, a Chinese message, and nothing written but what the case
// expects (a refusal: nothing). The suite ends with one line: cases=<n> server_errors=<m> partial_writes=<k>.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminCases, loginCases } from "#test/bad-input/admin-cases";
import { buildContext, closeContext, type CorpusContext } from "#test/bad-input/context";
import { CorpusRunner, type BadInputCase } from "#test/bad-input/harness";
import { importCases } from "#test/bad-input/import-cases";
import { surveyCases } from "#test/bad-input/survey-cases";

const CASES: BadInputCase[] = [...surveyCases(), ...importCases(), ...adminCases(), ...loginCases()];

let ctx: CorpusContext | null = null;
const runner = new CorpusRunner(() => ctx!);

beforeAll(async () => {
  ctx = await buildContext();
}, 120_000);

afterAll(async () => {
  await closeContext();
  const line = runner.summary();
  console.log(line);
  const failed = runner.results.filter((r) => r.serverError || r.partialWrite);
  expect(failed.map((r) => `${r.category} · ${r.name}`), line).toEqual([]);
  // Only a full run can vouch for the size of the corpus (a -t filter runs part of it).
  if (runner.results.length === CASES.length) expect(runner.results.length).toBeGreaterThanOrEqual(200);
});

describe("bad-input corpus", () => {
  it("has at least 200 cases, with unique names", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(200);
    const names = CASES.map((c) => `${c.category} · ${c.name}`);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(CASES.map((c) => [`${c.category} · ${c.name}`, c] as const))("%s", async (_name, c) => {
    const problems = await runner.run(c);
    expect(problems, problems.join("\n")).toEqual([]);
  });
});
