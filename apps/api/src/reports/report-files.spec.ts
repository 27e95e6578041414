import JSZip from 'jszip';
import { toXlsx } from './report-files';

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
