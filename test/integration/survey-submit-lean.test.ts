// The lean production handler (scripts/serve.mjs mounts it before Express) on a real node:http server.
import http from "node:http";
import type { AddressInfo } from "node:net";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { questionnaireValidator } from "#app/domain/survey/registry";
import { sampleAnswers, seededRandom } from "#app/domain/survey/sample-answers";
import { prisma } from "#app/utils/db.server";
import { surveySubmitListener } from "#app/utils/survey-submit.server";
import { createOpenRound } from "#test/survey-fixtures";

let server: http.Server;
let base = "";
let token = "";

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!surveySubmitListener(req, res)) res.writeHead(418).end("not a submit");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fx = await createOpenRound();
  token = (await fx.link("social")).token;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const post = (path: string, body: string) => fetch(base + path, { method: "POST", body, headers: { "Content-Type": "application/json" } });

describe("lean submit handler", () => {
  it("stores a valid submission and acknowledges it", async () => {
    const body = { idempotencyKey: crypto.randomBytes(12).toString("base64url"), answers: sampleAnswers(questionnaireValidator("social.v1")!, seededRandom(5)), deviceToken: crypto.randomBytes(16).toString("base64url") };
    const r = await post(`/s/${token}/submit`, JSON.stringify(body));
    expect(r.status).toBe(200);
    const json = await r.json();
    expect(await prisma.surveyResponse.count({ where: { id: json.receipt } })).toBe(1);
  });
  it.each([
    ["/s/%E0%A4%A/submit", "{}", 404],
    ["/s/ZZZZZZZZZZZZ/submit", "{}", 400],
    [`/s/TOKEN/submit`, "not json", 400],
  ])("%s → %i (never a crash or 5xx)", async (path, body, status) => {
    const r = await post(path.replace("TOKEN", token), body);
    expect(r.status).toBe(status);
    expect((await r.json()).ok).toBe(false);
  });
  it("refuses a body over the limit with 413", async () => {
    const r = await post(`/s/${token}/submit`, "x".repeat(70_000));
    expect(r.status).toBe(413);
  });
  it("leaves other requests to the next handler", async () => {
    expect((await fetch(`${base}/s/${token}`)).status).toBe(418);
  });
});
