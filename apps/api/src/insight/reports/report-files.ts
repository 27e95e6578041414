import {
  CATEGORY_LABELS,
  KPI_LABELS,
  SLA_STATE_LABELS,
  STATUS_LABELS,
  URGENCY_LABELS,
  type KpiSet,
  type RateDto,
  type UnresolvedReportDto,
  type WeeklyReportDto,
} from '@hotline/contracts';
import { shanghaiDateTime, xmlSafeText } from '@hotline/domain';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';

/** A table as both report files show it: Chinese headers, one row per line. */
export interface Table {
  name: string;
  headers: string[];
  rows: Array<Array<string | number | null>>;
  widths?: number[];
}

const shanghai = (iso: string): string => shanghaiDateTime(new Date(iso));
/** A rate with nothing to divide by is an empty cell (not '-', which the formula guard would turn into '-). */
const percent = (r: RateDto): string | null => (r.rate === null ? null : `${(r.rate * 100).toFixed(1)}%`);

export function unresolvedTable(r: UnresolvedReportDto): Table {
  return {
    name: `当日未解决问题 ${r.date}`,
    headers: ['工单号', '受理时间', '紧急程度', '诉求类型', '承办部门', '当前状态', '时限状态', '办理时限', '超期（小时）', '催办次数', '来电人', '电话', '地址', '诉求内容'],
    widths: [18, 17, 8, 8, 20, 8, 10, 17, 10, 8, 10, 14, 24, 60],
    rows: r.items.map((i) => [
      i.no,
      shanghai(i.createdAt),
      URGENCY_LABELS[i.urgency],
      CATEGORY_LABELS[i.category],
      i.departmentName ?? '未派单',
      STATUS_LABELS[i.status],
      SLA_STATE_LABELS[i.slaState],
      shanghai(i.dueAt),
      i.overdueHours,
      i.urgeCount,
      i.callerName,
      i.callerPhone,
      i.address,
      i.content,
    ]),
  };
}

const KPI_COLUMNS: Array<keyof KpiSet> = [
  'received',
  'dispatched',
  'closed',
  'overdue',
  'completionRate',
  'onTimeAcceptRate',
  'onTimeReplyRate',
  'satisfactionRate',
  'directResolutionRate',
  'repeatCallRate',
];
const kpiCells = (k: KpiSet): Array<string | number | null> => KPI_COLUMNS.map((c) => (typeof k[c] === 'number' ? k[c] : percent(k[c])));
const words = (list: Array<{ word: string; count: number }>): string => list.map((w) => `${w.word}(${w.count})`).join('、');

export function weeklyTables(r: WeeklyReportDto): Table[] {
  const summary: Table = {
    name: `周报 ${r.week}`,
    headers: ['部门', ...KPI_COLUMNS.map((c) => KPI_LABELS[c]), '在办件', '在办超期件', '热点问题'],
    widths: [22, ...KPI_COLUMNS.map(() => 10), 8, 10, 60],
    rows: [
      ...r.departments.map((d) => [d.name, ...kpiCells(d.kpis), d.openNow, d.breachedNow, words(d.keywords)]),
      ['全市合计', ...kpiCells(r.totals), r.departments.reduce((s, d) => s + d.openNow, 0), r.departments.reduce((s, d) => s + d.breachedNow, 0), words(r.totals.keywords)],
    ],
  };
  const keywords: Table = {
    name: '热点词',
    headers: ['部门', '关键词', '件数'],
    widths: [22, 16, 8],
    rows: [...r.totals.keywords.map((w) => ['全市', w.word, w.count]), ...r.departments.flatMap((d) => d.keywords.map((w) => [d.name, w.word, w.count]))],
  };
  return [summary, keywords];
}

/** A cell a spreadsheet would run as a formula (=, +, -, @ first) is written as text: CSV/formula injection. */
function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  const s = safeText(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * RFC 4180 CSV with a UTF-8 BOM (so Excel reads the Chinese right) and CRLF line ends; several tables, a blank line
 * apart: a chunk of at most `lines` lines at a time, so that a long report is sent as it is written.
 */
export function* csvChunks(tables: Table[], lines = 1000): Generator<Buffer> {
  yield Buffer.from('\uFEFF', 'utf8');
  for (const [i, t] of tables.entries()) {
    const all = [t.headers, ...t.rows];
    for (let from = 0; from < all.length; from += lines) {
      const body = all
        .slice(from, from + lines)
        .map((row) => row.map(csvCell).join(','))
        .join('\r\n');
      yield Buffer.from(`${i > 0 && from === 0 ? '\r\n\r\n' : from > 0 ? '\r\n' : ''}${body}`, 'utf8');
    }
  }
  yield Buffer.from('\r\n', 'utf8');
}

/** The whole CSV in one buffer (small reports). */
export function toCsv(tables: Table[]): Buffer {
  return Buffer.concat([...csvChunks(tables)]);
}

/**
 * The workbook written to `out` while it is made (ExcelJS's streaming writer: each row is committed and zipped as it
 * goes, no workbook in memory), the same sheets as toXlsx. Strings are written inline rather than shared.
 */
export async function writeXlsx(tables: Table[], out: Writable): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = '12345 热线工单系统';
  wb.created = new Date();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    if (t.widths) ws.columns = t.widths.map((width) => ({ width }));
    const header = ws.addRow(t.headers);
    header.font = { bold: true };
    header.commit();
    for (const row of t.rows) ws.addRow(row.map((v) => (typeof v === 'string' ? xmlSafeText(safeText(v)) : v))).commit();
    ws.commit();
  }
  await wb.commit();
}

/**
 * An .xlsx workbook, one sheet per table, headers bold and frozen. The sheets are XML: a character XML 1.0 forbids
 * (ExcelJS drops the C0 controls itself, not U+FFFE/U+FFFF or a lone surrogate) is left out, or Excel refuses the file.
 */
export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '12345 热线工单系统';
  wb.created = new Date();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.name), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRow(t.headers).font = { bold: true };
    for (const row of t.rows) ws.addRow(row.map((v) => (typeof v === 'string' ? xmlSafeText(safeText(v)) : v)));
    t.widths?.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
}
