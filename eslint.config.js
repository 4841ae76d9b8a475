import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Layering rules (conventions.md): app/domain is pure (no Prisma, Remix, React, Node I/O);
// Prisma is called only from app/models/*.server.ts (and the db helper that creates the client).
const prismaImports = ["@prisma/*", "#app/generated/*", "**/generated/prisma/**", "#app/utils/db.server", "**/utils/db.server"];

export default tseslint.config(
  { ignores: ["build/", "node_modules/", "app/generated/", "public/", "data/", ".cache/", "test/.tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["scripts/**/*.{js,mjs,cjs}", "*.js", "*.cjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", require: "readonly", module: "writable", __dirname: "readonly", global: "readonly", Buffer: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly", fetch: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/models/**", "app/utils/db.server.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: prismaImports, message: "Prisma 只能在 app/models/*.server.ts 中使用。" }] }],
    },
  },
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: prismaImports, message: "app/domain 是纯函数层：不得引用 Prisma。" },
            { group: ["@remix-run/*", "react", "react-dom", "react/*", "react-dom/*", "antd", "antd/*"], message: "app/domain 是纯函数层：不得引用 Remix/React。" },
            { group: ["node:*", "fs", "path", "http", "child_process", "exceljs"], message: "app/domain 是纯函数层：不得做 I/O。" },
            { group: ["#app/models/*", "#app/routes/*", "#app/utils/*", "#app/components/*", "../models/*", "../routes/*", "../utils/*", "../components/*", "../../models/*", "../../utils/*"], message: "app/domain 不得依赖应用层。" },
          ],
        },
      ],
    },
  },
  {
    files: ["app/models/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@remix-run/*", "react", "antd"], message: "models 不得引用 Remix/React。" }] }] },
  },
);
