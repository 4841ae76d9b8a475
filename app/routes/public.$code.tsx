import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "#app/components/error-page";
import { getPublishedResult } from "#app/models/reports.server";
import { notFound } from "#app/utils/http.server";
import { formatDate } from "#app/utils/format";
import { PUBLIC_CSS } from "#app/components/public-css";


const STATUS = { pass: "达标", fail: "未达标", missing: "数据缺失" } as Record<string, string>;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.result.countyName ?? ""}督导评估结果公开` }];

/** A county's published result (no login): verdict, parts and vetoes, 社会认可度 with its sample. Nothing school-level. */
export async function loader({ params }: LoaderFunctionArgs) {
  const result = await getPublishedResult(params.code ?? "");
  if (!result) notFound("该旗县区尚未公开督导评估结果。");
  return { result };
}

const pct = (v: number | null) => (v === null ? "—" : `${v.toFixed(1)}%`);

export default function PublicCounty() {
  const { result: r } = useLoaderData<typeof loader>();
  return (
    <main className="pub">
      {/* not <style>{…}</style>: React escapes the CSS's quotes on the server and hydration then fails (#418) */}
      <style dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
      <p className="muted">
        <Link to="/public">督导评估结果公开</Link>
      </p>
      <h1>
        {r.cityName ? `${r.cityName}` : ""}
        {r.countyName}县域义务教育优质均衡发展督导评估结果
      </h1>
      <p className="muted">
        报告日期 {formatDate(r.reportDate)} · 公开日期 {formatDate(r.publishedAt)} · 依据 {r.policy}
      </p>
      <p>
        评估结论：<span data-testid="public-verdict" className={`verdict ${r.achieved ? "pass" : "fail"}`}>{r.verdict}</span>
      </p>
      <h2>各方面达标情况</h2>
      <table data-testid="public-parts">
        <thead>
          <tr>
            <th>方面</th>
            <th>结论</th>
            <th>指标数</th>
            <th>达标</th>
            <th>未达标</th>
            <th>数据缺失</th>
          </tr>
        </thead>
        <tbody>
          {r.parts.map((p) => (
            <tr key={p.key}>
              <td>{p.label}</td>
              <td className={p.status}>{STATUS[p.status] ?? p.status}</td>
              <td>{p.total}</td>
              <td>{p.passed}</td>
              <td>{p.failed}</td>
              <td>{p.missing}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>一票否决事项</h2>
      <table data-testid="public-vetoes">
        <tbody>
          {r.vetoes.map((v) => (
            <tr key={v.code}>
              <td>
                {v.code} {v.name}
              </td>
              <td className={v.status}>{v.status === "pass" ? "不存在" : v.status === "fail" ? "存在" : "未核查"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>社会认可度</h2>
      <table data-testid="public-recognition">
        <tbody>
          <tr>
            <th>社会认可度</th>
            <td className={r.recognition.status}>
              {pct(r.recognition.score)}（标准 ≥85%，{STATUS[r.recognition.status] ?? r.recognition.status}）
            </td>
          </tr>
          <tr>
            <th>样本</th>
            <td>
              有效答卷 {r.recognition.valid ?? "—"} 份 / 回收答卷 {r.recognition.received ?? "—"} 份{r.recognition.planned ? `（计划样本 ${r.recognition.planned} 份）` : ""}
            </td>
          </tr>
          <tr>
            <th>计算方法</th>
            <td>{r.recognition.method ?? "—"}</td>
          </tr>
        </tbody>
      </table>
      <p className="muted">内容摘要（SHA-256）：{r.contentHash}</p>
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
