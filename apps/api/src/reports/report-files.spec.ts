import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { toCsv, toXlsx, weeklyTables } from './report-files';
import type { KpiSet, WeeklyReportDto } from '@hotline/contracts';

describe('toXlsx', () => {
  it('writes no character XML 1.0 forbids into the workbook, whatever a ticket’s text holds', async () => {
    const file = await toXlsx([{ name: '当日未解决问题', headers: ['诉求内容'], rows: [['井盖\u0000缺失\u0007\uFFFE\uFFFF\uD800，很危险'], ['=1+1']] }]);
    const zip = await JSZip.loadAsync(file);
    const parts = await Promise.all(Object.keys(zip.files).filter((n) => n.endsWith('.xml')).map((n) => zip.file(n)!.async('string')));
    const text = parts.join('\n');
    expect(text).toContain('井盖缺失，很危险');
    expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/.test(text)).toBe(false);
    // a formula-looking cell stays text
    expect(text).toMatch(/(&apos;|')=1\+1/);
  });
});

describe('empty rates', () => {
  const none = { numerator: 0, denominator: 0, rate: null };
  const kpis = {
    received: 0, dispatched: 0, closed: 0, overdue: 0, completionRate: none, onTimeAcceptRate: { numerator: 1, denominator: 2, rate: 0.5 },
    onTimeReplyRate: none, satisfactionRate: none, directResolutionRate: none, repeatCallRate: none,
  } as unknown as KpiSet;
  const report = { week: '2026-11-30', from: '', to: '', departments: [{ departmentId: 1, name: '卫生健康局', kpis, openNow: 0, breachedNow: 0, keywords: [] }], totals: { ...kpis, keywords: [] } } as unknown as WeeklyReportDto;

  it('are empty cells in the workbook, with no stray apostrophe; a formula still stays text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(weeklyTables(report))) as never);
    const row = wb.worksheets[0].getRow(2);
    expect(row.getCell(6).value).toBeNull();
    expect(row.getCell(7).value).toBe('50.0%');
    const cells = (row.values as unknown[]).filter((v) => typeof v === 'string');
    expect(cells.some((v) => (v).startsWith("'"))).toBe(false);
  });

  it('are empty fields in the CSV', () => {
    const line = toCsv(weeklyTables(report)).toString('utf8').split('\r\n')[1];
    expect(line).toBe('卫生健康局,0,0,0,0,,50.0%,,,,,0,0,');
  });
});
