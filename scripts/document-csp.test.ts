import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDocumentCsp, isDocumentType } from "./document-csp.mjs";

const POLICY = "default-src 'self'";

describe("isDocumentType", () => {
  it.each([
    ["text/html; charset=utf-8", true],
    ["TEXT/HTML", true],
    ["image/svg+xml; charset=utf-8", true],
    ["application/xhtml+xml", true],
    ["application/json; charset=utf-8", false],
    ["text/plain; charset=utf-8", false],
    ["text/htmlx", false],
    ["application/pdf", false],
    [undefined, false],
  ])("%s → %s", (type, expected) => {
    expect(isDocumentType(type)).toBe(expected);
  });
});

describe("defaultDocumentCsp on a real node:http server", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      defaultDocumentCsp(res, POLICY);
      if (req.url === "/html") {
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end("<!doctype html><p>x</p>");
      } else if (req.url === "/json") {
        res.setHeader("Content-Type", "application/json");
        res.end("{}");
      } else if (req.url === "/own") {
        // What the Remix adapter does with a resource route's own headers.
        res.appendHeader("Content-Type", "text/html; charset=utf-8");
        res.appendHeader("Content-Security-Policy", "default-src 'none'");
        res.end("<!doctype html>");
      } else if (req.url === "/writehead") {
        res.writeHead(200, { "Content-Type": "image/svg+xml" });
        res.end("<svg/>");
      } else if (req.url === "/writehead-own") {
        res.writeHead(200, "OK", { "content-type": "text/html", "content-security-policy": "default-src 'none'" });
        res.end("<!doctype html>");
      } else {
        res.end("no type");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ["/html", POLICY],
    ["/json", null],
    ["/own", "default-src 'none'"],
    ["/writehead", POLICY],
    ["/writehead-own", "default-src 'none'"],
    ["/none", null],
  ])("%s → %s", async (path, expected) => {
    const r = await fetch(`${base}${path}`);
    await r.text();
    // Headers.get joins repeated headers with ", ": one value means one header.
    expect(r.headers.get("content-security-policy")).toBe(expected);
  });
});
