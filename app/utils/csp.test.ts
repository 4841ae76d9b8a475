import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { PRINT_BUTTON_HANDLER, PRINT_BUTTON_HANDLER_HASH, STANDALONE_DOCUMENT_CSP, documentCsp, isCspNonce } from "./csp";

/** Directive name → its source list. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

describe("isCspNonce", () => {
  it.each([
    [crypto.randomBytes(16).toString("base64"), true],
    ["AAAAAAAAAAAAAAAAAAAAAA==", true],
    ["abc", false],
    ["", false],
    ["AAAAAAAAAAAAAAAA'; script-src *", false],
    ["AAAAAAAAAAAAAAAAAAAAAA== ", false],
    [undefined, false],
    [42, false],
  ])("%o → %s", (value, expected) => {
    expect(isCspNonce(value)).toBe(expected);
  });
});

describe("documentCsp", () => {
  const nonce = "q1w2e3r4t5y6u7i8o9p0aA==";
  it("is the strict policy with this nonce for scripts and nothing looser", () => {
    expect(documentCsp(nonce)).toBe(
      `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'`,
    );
    const d = directives(documentCsp(nonce));
    expect(d.get("script-src")).not.toContain("'unsafe-inline'");
    expect(d.get("script-src")).not.toContain("'unsafe-eval'");
    // A nonce in style-src would make browsers ignore 'unsafe-inline' (and break antd and SurveyJS styles).
    expect(d.get("style-src")!.some((s) => s.startsWith("'nonce-"))).toBe(false);
  });
  it("refuses a nonce that is not base64 (it is pasted into the header)", () => {
    expect(() => documentCsp("x'; script-src *")).toThrow();
    expect(() => documentCsp("")).toThrow();
  });
});

describe("STANDALONE_DOCUMENT_CSP", () => {
  it("hashes exactly the print button's handler", () => {
    expect(PRINT_BUTTON_HANDLER_HASH).toBe(`sha256-${crypto.createHash("sha256").update(PRINT_BUTTON_HANDLER).digest("base64")}`);
  });
  it("fetches nothing, runs only that handler, and may be framed by our own pages only", () => {
    const d = directives(STANDALONE_DOCUMENT_CSP);
    expect(d.get("default-src")).toEqual(["'none'"]);
    expect(d.get("script-src")).toEqual(["'unsafe-hashes'", `'${PRINT_BUTTON_HANDLER_HASH}'`]);
    expect(d.get("style-src")).toEqual(["'unsafe-inline'"]);
    expect(d.get("img-src")).toEqual(["data:"]);
    expect(d.get("frame-ancestors")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'none'"]);
  });
});
