// A4 questionnaire posters (one per link), rendered to static HTML on the server for the print view and the PDF.
// Plain CSS, no antd: the page must print the same in every browser and in headless Chromium.
import type { PosterText } from "#app/domain/survey/round-form";

export interface PosterProps {
  text: PosterText;
  /** The QR code as an SVG document (qrcode, error correction M), generated on the server. */
  qrSvg: string;
}

/** Print rules: A4 with no printer margin (the poster has its own), one poster a page. */
export const POSTER_CSS = `
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Noto Serif CJK SC", sans-serif; color: #1f1f1f; background: #e9ecef; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.poster { width: 210mm; height: 296mm; padding: 16mm 16mm 12mm; margin: 0 auto; background: #fff; display: flex; flex-direction: column; align-items: center; text-align: center; overflow: hidden; break-after: page; page-break-after: always; break-inside: avoid; }
.poster:last-of-type { break-after: auto; page-break-after: auto; }
.band { width: 100%; border-top: 3mm solid #1d6fb8; margin-bottom: 8mm; }
.heading { font-size: 21pt; font-weight: 700; line-height: 1.35; margin: 0; }
.scope { font-size: 26pt; font-weight: 700; line-height: 1.3; margin: 9mm 0 0; }
.questionnaire { font-size: 22pt; font-weight: 700; color: #1d6fb8; margin: 4mm 0 0; }
.audience { font-size: 14pt; margin: 2mm 0 0; }
.qr { width: 105mm; height: 105mm; margin: 7mm auto 3mm; }
.qr svg { width: 100%; height: 100%; display: block; }
.instruction { font-size: 20pt; font-weight: 700; margin: 0; }
.window { font-size: 13pt; margin: 6mm 0 0; }
.url-box { margin-top: auto; }
.url-label { font-size: 11pt; color: #555; margin: 0; }
.url { font-size: 15pt; font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Consolas, monospace; word-break: break-all; margin: 1mm 0 0; }
.footer { font-size: 10pt; color: #666; margin: 4mm 0 0; }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; gap: 12px; align-items: center; justify-content: center; flex-wrap: wrap; padding: 10px 16px; background: #fff; border-bottom: 1px solid #ccc; font-size: 14px; }
.toolbar button { font-size: 15px; padding: 6px 18px; cursor: pointer; }
.empty { max-width: 560px; margin: 64px auto; background: #fff; padding: 24px; font-size: 15px; }
@media screen { .poster { margin: 16px auto; box-shadow: 0 1px 8px rgba(0, 0, 0, 0.2); } }
@media print { body { background: #fff; } .toolbar, .empty { display: none; } .poster { margin: 0; box-shadow: none; } }
`;

/** One A4 poster: county heading, school (or 全旗县区), questionnaire and audience, QR, instruction, window, short URL. */
export function Poster({ text, qrSvg }: PosterProps) {
  return (
    <section className="poster">
      <div className="band" />
      <h1 className="heading">{text.heading}</h1>
      <p className="scope">{text.scope}</p>
      <p className="questionnaire">{text.questionnaire}</p>
      <p className="audience">{text.audience}</p>
      <div className="qr" role="img" aria-label={`问卷二维码：${text.url}`} dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p className="instruction">{text.instruction}</p>
      <p className="window">{text.window}</p>
      <div className="url-box">
        <p className="url-label">{text.urlLabel}</p>
        <p className="url">{text.url}</p>
        <p className="footer">{text.footer}</p>
      </div>
    </section>
  );
}

/** Every poster, in order (the print view's body). */
export function PosterList({ posters }: { posters: PosterProps[] }) {
  return (
    <>
      {posters.map((p) => (
        <Poster key={p.text.url} {...p} />
      ))}
    </>
  );
}
