import { describe, expect, it } from "vitest";
import { cleanFileName, readUploadForm } from "./upload.server";

const upload = (form: FormData) => new Request("http://localhost/upload", { method: "POST", body: form });
const withFile = (name: string, bytes = 10) => {
  const f = new FormData();
  f.set("intent", "check");
  f.set("file", new File([new Uint8Array(bytes)], name));
  return f;
};

describe("readUploadForm", () => {
  it.each(["统计;2025.xlsx", "名册=新.xlsx", "a\"b.xlsx", "<学校>.xlsx", "学校 名册.csv"])("reads a file named %s with its other fields", async (name) => {
    const r = await readUploadForm(upload(withFile(name)), 1024);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.form.get("file") as File).name).toBe(name);
    expect((r.form.get("file") as File).size).toBe(10);
    expect(r.form.get("intent")).toBe("check");
  });
  it("refuses a file over the limit with 413 and a Chinese message", async () => {
    const r = await readUploadForm(upload(withFile("big.xlsx", 2 * 1024 * 1024 + 1)), 2 * 1024 * 1024);
    expect(r).toMatchObject({ ok: false, status: 413, message: expect.stringMatching(/2 MB 上限/) });
  });
  it("stops reading a body far over the limit", async () => {
    const r = await readUploadForm(upload(withFile("huge.xlsx", 600 * 1024)), 100 * 1024);
    expect(r).toMatchObject({ ok: false, status: 413 });
  });
  it.each([
    ["JSON", '{"file":1}', "application/json"],
    ["a broken multipart body", '--b\r\nContent-Disposition: form-data; name="x"\r\n\r\n1', "multipart/form-data; boundary=b"],
  ])("answers %s with 400 in Chinese", async (_label, body, type) => {
    const r = await readUploadForm(new Request("http://localhost/upload", { method: "POST", body, headers: { "Content-Type": type } }), 1024);
    expect(r).toMatchObject({ ok: false, status: 400, message: "上传内容无法读取，请重新选择文件上传。" });
  });
  it("reads a url-encoded form without a file", async () => {
    const r = await readUploadForm(new Request("http://localhost/upload", { method: "POST", body: new URLSearchParams({ intent: "import" }) }), 1024);
    expect(r.ok && r.form.get("intent")).toBe("import");
  });
  it("cleans the uploaded file's name", async () => {
    const r = await readUploadForm(upload(withFile("统计\u0000.xlsx")), 1024);
    expect(r.ok && (r.form.get("file") as File).name).toBe("统计.xlsx");
  });
});

describe("cleanFileName", () => {
  it.each([
    ["学校名册.xlsx", "学校名册.xlsx"],
    ["C:\\Users\\张三\\学校名册.xlsx", "学校名册.xlsx"],
    ["../../etc/passwd.xlsx", "passwd.xlsx"],
    ["a\u0000b\u001bc.csv", "abc.csv"],
    ["  名册.xlsx ", "名册.xlsx"],
  ])("%j → %j", (name, clean) => expect(cleanFileName(name)).toBe(clean));
  it("cuts a long name to 255 characters and keeps the extension", () => {
    const clean = cleanFileName(`${"很长".repeat(300)}.xlsx`);
    expect([...clean].length).toBe(255);
    expect(clean.endsWith("很长.xlsx")).toBe(true);
  });
});
