// Plain CSS of the public result pages (结果公开): no antd, readable on a phone and printable.
export const PUBLIC_CSS = `
.pub { max-width: 860px; margin: 0 auto; padding: 24px 16px 64px; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: #222; line-height: 1.6; }
.pub h1 { font-size: 24px; margin: 0 0 8px; }
.pub h2 { font-size: 18px; margin: 28px 0 8px; border-left: 4px solid #1677ff; padding-left: 8px; }
.pub table { border-collapse: collapse; width: 100%; margin: 8px 0; }
.pub th, .pub td { border: 1px solid #d9d9d9; padding: 6px 10px; text-align: left; }
.pub th { background: #fafafa; }
.pub .muted { color: #666; }
.pub .pass { color: #237804; font-weight: 600; }
.pub .fail { color: #a8071a; font-weight: 600; }
.pub .missing { color: #ad4e00; font-weight: 600; }
.pub .verdict { font-size: 20px; padding: 12px 16px; border: 1px solid #d9d9d9; border-radius: 6px; display: inline-block; }
.pub a { color: #0958d9; }
@media print { .pub a { color: inherit; text-decoration: none; } }
`;
