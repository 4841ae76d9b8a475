// `npm run user:create -- --login admin --name 张三 [--role city_admin] [--city-code 150100 --city-name 呼和浩特市]`
// Creates the first administrator on a real install without demo data (and the city, if the
// database has none yet). The password is read from the USER_PASSWORD environment variable or asked
// for on the terminal (not echoed). Audited as done from the command line.
import { parseArgs } from "node:util";
import readline from "node:readline";
import { passwordProblems } from "#app/domain/password-policy";
import { createUser, NewUserSchema } from "#app/models/users.server";
import { prisma } from "#app/utils/db.server";

function fail(msg: string): never {
  console.error(`✖ ${msg}`);
  process.exit(1);
}

async function askHidden(question: string): Promise<string> {
  if (!process.stdin.isTTY) fail("请通过环境变量 USER_PASSWORD 提供密码（当前不是交互式终端）。");
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let prompted = false;
  out._writeToOutput = (s: string) => {
    if (!prompted) {
      out.output.write(s);
      prompted = true;
    } else if (s.includes("\n")) out.output.write("\n");
  };
  return new Promise((resolve) => rl.question(question, (a) => (rl.close(), resolve(a))));
}

const { values } = parseArgs({
  options: {
    login: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "city_admin" },
    "city-code": { type: "string" },
    "city-name": { type: "string" },
    county: { type: "string" },
  },
});

const cities = await prisma.city.findMany({ select: { id: true, code: true, name: true } });
let cityId: string;
if (cities.length === 0) {
  const code = values["city-code"];
  const name = values["city-name"];
  if (!code || !/^\d{6}$/.test(code) || !name) fail("数据库中还没有市：请用 --city-code（6 位行政区划代码）和 --city-name 同时创建。");
  cityId = (await prisma.city.create({ data: { code, name }, select: { id: true } })).id;
  console.log(`已创建市：${name}（${code}）`);
} else if (cities.length === 1) cityId = cities[0]!.id;
else {
  const c = cities.find((x) => x.code === values["city-code"]);
  if (!c) fail(`有多个市，请用 --city-code 指定：${cities.map((x) => `${x.code} ${x.name}`).join("，")}`);
  cityId = c.id;
}

let countyId: string | undefined;
if (values.county) {
  const county = await prisma.county.findFirst({ where: { code: values.county, cityId }, select: { id: true } });
  if (!county) fail(`本市没有行政区划代码为 ${values.county} 的旗县区。`);
  countyId = county.id;
}

const parsed = NewUserSchema.safeParse({ login: values.login ?? "", displayName: values.name ?? "", role: values.role, countyId, inspectorCountyIds: [] });
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("；"));
const password = process.env.USER_PASSWORD ?? (await askHidden("密码："));
const problems = passwordProblems(password, { login: parsed.data.login });
if (problems.length) fail(problems.join("；"));
try {
  const user = await createUser({ ...parsed.data, password, cityId }, null);
  console.log(`✔ 已创建用户 ${user.login}。启动服务后即可登录。`);
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
} finally {
  await prisma.$disconnect();
}
