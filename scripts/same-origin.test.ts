import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./same-origin.mjs";

describe("isCrossSiteWrite", () => {
  it.each([
    [{ method: "POST", path: "/admin/users", origin: "http://evil.example", host: "jyj.local:3000" }, true],
    [{ method: "POST", path: "/admin/users", origin: "http://jyj.local:3000", host: "jyj.local:3000" }, false],
    [{ method: "POST", path: "/admin/users", origin: "null", host: "jyj.local:3000" }, true],
    [{ method: "POST", path: "/admin/users", origin: "not a url", host: "jyj.local:3000" }, true],
    [{ method: "POST", path: "/admin/users", origin: undefined, host: "jyj.local:3000" }, false],
    [{ method: "GET", path: "/admin/users", origin: "http://evil.example", host: "jyj.local:3000" }, false],
    [{ method: "POST", path: "/s/abc/submit", origin: "http://evil.example", host: "jyj.local:3000" }, false],
    [{ method: "POST", path: "/login", origin: "https://jyj.gov.cn", host: "127.0.0.1:3000", forwardedHost: "jyj.gov.cn" }, false],
    [{ method: "DELETE", path: "/admin/x", origin: "https://JYJ.local:3000", host: "jyj.local:3000" }, false],
  ])("%o → %s", (req, refused) => {
    expect(isCrossSiteWrite(req)).toBe(refused);
  });
});
