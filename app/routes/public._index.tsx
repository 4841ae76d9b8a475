import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "#app/components/error-page";
import { listPublishedResults } from "#app/models/reports.server";
import { formatDate } from "#app/utils/format";
import { PUBLIC_CSS } from "#app/components/public-css";

export const meta: MetaFunction = () => [{ title: "县域义务教育优质均衡发展督导评估结果公开" }];

/** 结果公开: the counties whose finalized results the city admin published. No login. */
export async function loader() {
  const results = await listPublishedResults();
  return { results: results.map((r) => ({ code: r.countyCode, name: r.countyName, city: r.cityName, verdict: r.verdict, achieved: r.achieved, publishedAt: r.publishedAt })) };
}

export default function PublicIndex() {
  const { results } = useLoaderData<typeof loader>();
  return (
    <main className="pub">
      {/* not <style>{…}</style>: React escapes the CSS's quotes on the server and hydration then fails (#418) */}
      <style dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
      <h1>县域义务教育优质均衡发展督导评估结果公开</h1>
      <p className="muted">以下为已定稿并经市教育督导部门公开的督导评估结果。</p>
      {results.length === 0 ? (
        <p data-testid="public-empty">暂无公开的督导评估结果。</p>
      ) : (
        <table data-testid="public-list">
          <thead>
            <tr>
              <th>旗县区</th>
              <th>评估结论</th>
              <th>公开日期</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.code}>
                <td>
                  <Link to={`/public/${r.code}`}>
                    {r.city ? `${r.city} ` : ""}
                    {r.name}
                  </Link>
                </td>
                <td className={r.achieved ? "pass" : "fail"}>{r.verdict}</td>
                <td>{formatDate(r.publishedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
