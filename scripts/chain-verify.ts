// `npm run chain:verify -- <轮次编号…>` or `npm run chain:verify -- --all`: verifies the hash chain of survey rounds
// in the database in force (DATABASE_URL) and names the first broken link of each broken round.
// Exit codes: 0 every chain intact; 1 at least one broken; 2 usage error or unknown round.
import { BREAK_REASON_LABELS } from "#app/domain/survey/hash-chain";
import { listRoundIds, verifyRoundChain } from "#app/models/survey-chain.server";
import { prisma } from "#app/utils/db.server";

const args = process.argv.slice(2);
const USAGE = "用法：npm run chain:verify -- <调查轮次编号…>   或   npm run chain:verify -- --all";

async function main(): Promise<number> {
  if (args.length === 0 || args.includes("--help") || args.includes("-h")) {
    console.error(USAGE);
    return 2;
  }
  const ids = args.includes("--all") ? (await listRoundIds()).map((r) => r.id) : args.filter((a) => !a.startsWith("--"));
  if (ids.length === 0) {
    console.log("数据库中没有调查轮次。");
    return 0;
  }
  let broken = 0;
  let unknown = 0;
  for (const id of ids) {
    const r = await verifyRoundChain(id, {
      onProgress: (read, total) => {
        if (total > 20_000 && process.stderr.isTTY) process.stderr.write(`\r  已校验 ${read}/${total}`);
      },
    });
    if (process.stderr.isTTY) process.stderr.write("\r\x1b[K");
    if (!r) {
      console.error(`✖ 未找到调查轮次：${id}`);
      unknown++;
      continue;
    }
    const name = `${r.round.countyName} · ${r.round.name}（${r.round.id}）`;
    const notes = [r.legacy ? `其中 ${r.legacy} 份为启用哈希链前的答卷（无哈希，不受保护）` : "", r.arrivedDuringCheck ? `校验期间新收到 ${r.arrivedDuringCheck} 份（下次校验纳入）` : ""].filter(Boolean);
    if (r.ok) console.log(`✔ ${name}：哈希链完整，${r.verified} 份答卷${notes.length ? `（${notes.join("；")}）` : ""}，链尾 ${r.round.chainHead.slice(0, 16) || "（空）"}…，用时 ${r.durationMs} ms`);
    else {
      broken++;
      const b = r.firstBreak!;
      console.log(`✖ ${name}：哈希链在第 ${b.seq} 环断开${b.responseId ? `（答卷 ${b.responseId}）` : ""}：${BREAK_REASON_LABELS[b.reason]}。此前 ${r.verified} 环完好；库中 ${r.stored} 份答卷，轮次记录 ${r.expectedLength} 环。`);
    }
  }
  console.log(`rounds=${ids.length} intact=${ids.length - broken - unknown} broken=${broken} unknown=${unknown}`);
  return unknown > 0 ? 2 : broken > 0 ? 1 : 0;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((e) => {
    console.error("✖ 校验失败：", e instanceof Error ? e.message : e);
    process.exitCode = 2;
  })
  .finally(() => prisma.$disconnect());
