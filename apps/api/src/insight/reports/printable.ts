import type { Table } from './report-files';

const escape = (s: string | number | null | undefined): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A report as a printable page: A4 portrait, Chinese, tables that repeat their headers across pages and do not split
 * a row. Self-contained (no script, no outside resource), so it prints the same anywhere and passes the console's CSP.
 */
export function printablePage(title: string, subtitle: string, lines: string[], tables: Table[]): string {
  const table = (t: Table) => `
  <section>
    <h2>${escape(t.name)}</h2>
    <table>
      <thead><tr>${t.headers.map((h) => `<th>${escape(h)}</th>`).join('')}</tr></thead>
      <tbody>${t.rows.length ? t.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c ?? '—')}</td>`).join('')}</tr>`).join('\n') : `<tr><td colspan="${t.headers.length}">无</td></tr>`}</tbody>
    </table>
  </section>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
  @page { size: A4 portrait; margin: 18mm 15mm; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "SimSun", sans-serif; font-size: 11pt; color: #000; margin: 0 auto; max-width: 180mm; }
  h1 { text-align: center; font-size: 20pt; margin: 0 0 4mm; letter-spacing: 2px; }
  .subtitle { text-align: center; margin-bottom: 6mm; }
  p { margin: 1.5mm 0; line-height: 1.6; }
  h2 { font-size: 13pt; margin: 6mm 0 2mm; border-left: 4px solid #a8071a; padding-left: 2mm; }
  table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
  th, td { border: 1px solid #444; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  section { break-inside: auto; }
  @media screen { body { padding: 12mm; background: #fff; } }
</style>
</head>
<body>
<h1>${escape(title)}</h1>
<div class="subtitle">${escape(subtitle)}</div>
${lines.map((l) => `<p>${escape(l)}</p>`).join('\n')}
${tables.map(table).join('\n')}
</body>
</html>
`;
}
