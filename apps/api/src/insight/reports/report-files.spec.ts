import JSZip from 'jszip';
import ExcelJS from 'exceljs';
import { Writable } from 'node:stream';
import { csvChunks, toCsv, toXlsx, weeklyTables, writeXlsx, type Table } from './report-files';
import type { KpiSet, WeeklyReportDto } from '@hotline/contracts';

describe('toXlsx', () => {
  it('writes no character XML 1.0 forbids into the workbook, whatever a ticket’s text holds', async () => {
    const file = await toXlsx([{ name: '当日未解决问题', headers: ['诉求内容'], rows: [['井盖\u0000缺失\u0007\uFFFE\uFFFF\uD800，很危险'], ['=1+1']] }]);
    const zip = await JSZip.loadAsync(file);
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.xml'))
        .map((n) => zip.file(n)!.async('string')),
    );
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
    received: 0,
    dispatched: 0,
    closed: 0,
    overdue: 0,
    completionRate: none,
    onTimeAcceptRate: { numerator: 1, denominator: 2, rate: 0.5 },
    onTimeReplyRate: none,
    satisfactionRate: none,
    directResolutionRate: none,
    repeatCallRate: none,
  } as unknown as KpiSet;
  const report = {
    week: '2026-11-30',
    from: '',
    to: '',
    departments: [{ departmentId: 1, name: '卫生健康局', kpis, openNow: 0, breachedNow: 0, keywords: [] }],
    totals: { ...kpis, keywords: [] },
  } as unknown as WeeklyReportDto;

  it('are empty cells in the workbook, with no stray apostrophe; a formula still stays text', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(weeklyTables(report))) as never);
    const row = wb.worksheets[0].getRow(2);
    expect(row.getCell(6).value).toBeNull();
    expect(row.getCell(7).value).toBe('50.0%');
    const cells = (row.values as unknown[]).filter((v) => typeof v === 'string');
    expect(cells.some((v) => v.startsWith("'"))).toBe(false);
  });

  it('are empty fields in the CSV', () => {
    const line = toCsv(weeklyTables(report)).toString('utf8').split('\r\n')[1];
    expect(line).toBe('卫生健康局,0,0,0,0,,50.0%,,,,,0,0,');
  });
});

describe('streamed files', () => {
  const tables: Table[] = [
    {
      name: '当日未解决问题 2026-12-04',
      headers: ['工单号', '超期（小时）', '诉求内容'],
      widths: [18, 10, 60],
      rows: Array.from({ length: 7 }, (_, i) => [`2026-00000${i}`, i * 1.5, i === 3 ? '=1+1，"引号"\n换行' : `路灯不亮${i}`]),
    },
    {
      name: '热点词',
      headers: ['部门', '关键词'],
      rows: [
        ['全市', '停水'],
        ['卫生健康局', null],
      ],
    },
  ];

  it('the CSV in chunks of a few lines is the same file as in one piece', () => {
    const whole = toCsv(tables).toString('utf8');
    expect(Buffer.concat([...csvChunks(tables, 2)]).toString('utf8')).toBe(whole);
    expect(whole.startsWith('\uFEFF工单号,超期（小时）,诉求内容\r\n2026-000000,0,路灯不亮0\r\n')).toBe(true);
    expect(whole).toContain(`"'=1+1，""引号""\n换行"`);
    expect(whole.endsWith('路灯不亮6\r\n\r\n部门,关键词\r\n全市,停水\r\n卫生健康局,\r\n')).toBe(true);
  });

  it('the workbook written as a stream reads back as the one built in memory', async () => {
    const parts: Buffer[] = [];
    await writeXlsx(tables, new Writable({ write: (c: Buffer, _e, done) => (parts.push(c), done()) }));
    expect(parts.length).toBeGreaterThan(1);
    const [streamed, built] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
    await streamed.xlsx.load(Buffer.concat(parts) as never);
    await built.xlsx.load((await toXlsx(tables)) as never);
    expect(streamed.worksheets.map((w) => w.name)).toEqual(built.worksheets.map((w) => w.name));
    streamed.worksheets.forEach((ws, i) => {
      const other = built.worksheets[i];
      expect(ws.rowCount).toBe(other.rowCount);
      for (let r = 1; r <= ws.rowCount; r++) expect(ws.getRow(r).values).toEqual(other.getRow(r).values);
      expect(ws.getRow(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    });
    expect(streamed.worksheets[0].getColumn(3).width).toBe(60);
  });
});
