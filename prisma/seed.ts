// `npm run db:seed` / called by `npm start`: loads the reference data, and the demo when the
// database is empty. Never wipes or re-seeds a database that holds data.
import { createPrismaClient } from "#app/utils/db.server";
import { loadReferenceData } from "./reference";
import { isEmptyDatabase, seedDemo } from "./seed-demo";
import { seedDemoSurveys } from "./seed-survey";
import { seedDemoStatistics } from "./seed-statistics";

const prisma = createPrismaClient();
const noDemo = process.argv.includes("--no-demo") || process.env.SEED_DEMO === "false";
try {
  const ref = await loadReferenceData(prisma);
  console.log(`参考数据：责任清单 ${ref.responsibilityItems} 项，国家标准 ${ref.thresholds} 条。`);
  if (noDemo) console.log("未加载演示数据（--no-demo）。请用 npm run user:create 创建第一个管理员。");
  else if (await isEmptyDatabase(prisma)) {
    await seedDemo(prisma);
    const responses = await seedDemoSurveys();
    const stats = await seedDemoStatistics();
    console.log(`已载入演示数据：呼和浩特市及 9 个旗县区，3 个调查轮次（${responses} 份演示答卷），${stats.snapshots} 个统计数据快照，${stats.assessments} 次评估。`);
  } else console.log("数据库已有数据，未载入演示数据。");
} finally {
  await prisma.$disconnect();
}
