// The layering rules are enforced by ESLint (eslint.config.js); this proves they bite.
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();
async function messages(code: string, filePath: string) {
  const [r] = await eslint.lintText(code, { filePath });
  return r!.messages.map((m) => m.message);
}

describe("layering lint rules", () => {
  it.each([
    ['import { prisma } from "#app/utils/db.server";\nexport const x = prisma;\n', "app/domain/bad.ts", "Prisma"],
    ['import { json } from "@remix-run/node";\nexport const x = json;\n', "app/domain/bad.ts", "Remix/React"],
    ['import fs from "node:fs";\nexport const x = fs;\n', "app/domain/bad.ts", "I/O"],
    ['import { prisma } from "#app/utils/db.server";\nexport const x = prisma;\n', "app/routes/bad.tsx", "Prisma 只能在 app/models"],
  ])("refuses %s in %s", async (code, file, fragment) => {
    expect((await messages(code, file)).join("\n")).toContain(fragment);
  });
  it("allows Prisma in app/models", async () => {
    expect(await messages('import { prisma } from "#app/utils/db.server";\nexport const x = prisma;\n', "app/models/ok.server.ts")).toEqual([]);
  });
});
