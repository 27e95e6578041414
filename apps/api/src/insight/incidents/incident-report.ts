import { CATEGORY_LABELS, type IncidentSummaryDto, type RateDto } from '@hotline/contracts';
import { shanghaiDateTime } from '@hotline/domain';
import { printablePage } from '../reports/printable';
import type { Table } from '../reports/report-files';

const at = (iso: string | null) => (iso ? shanghaiDateTime(new Date(iso)) : '—');
const percent = (r: RateDto) => (r.rate === null ? '无回访' : `${(r.rate * 100).toFixed(1)}%`);

/** The incident's summary as tables (XLSX sheets, printable page sections). */
export function incidentTables(s: IncidentSummaryDto, deptName: (id: number | null) => string): Table[] {
  const b = s.board;
  return [
    {
      name: '总体情况',
      headers: ['项目', '数值'],
      widths: [24, 40],
      rows: [
        ['专项名称', s.incident.name],
        ['开始时间', at(s.incident.startedAt)],
        ['结束时间', at(s.incident.closedAt)],
        ['关键词', s.incident.keywords.join('、')],
        ['专项办理时限', s.incident.slaHours === null ? '按常规时限' : `${s.incident.slaHours}小时`],
        ['受理量', `${b.total}件`],
        ['已办结', `${b.closed}件`],
        ['在办', `${b.open}件`],
        ['超期', `${b.overdue}件`],
        ['满意率', percent(b.satisfactionRate)],
        ['临时话务员', `${b.temporaryAgents.total}人`],
      ],
    },
    {
      name: '按部门',
      headers: ['承办部门', '受理量（件）', '在办（件）', '超期（件）'],
      widths: [24, 14, 14, 14],
      rows: b.byDepartment.map((d) => [deptName(d.departmentId), d.count, d.open, d.overdue]),
    },
    {
      name: '按诉求类型',
      headers: ['诉求类型', '受理量（件）'],
      widths: [16, 14],
      rows: b.byCategory.map((c) => [CATEGORY_LABELS[c.category] ?? c.category, c.count]),
    },
    {
      name: '按小时受理量',
      headers: ['时段', '受理量（件）'],
      widths: [20, 14],
      rows: b.byHour.filter((h) => h.count > 0).map((h) => [`${at(h.hour)}起`, h.count]),
    },
  ];
}

export function incidentHtml(s: IncidentSummaryDto, deptName: (id: number | null) => string): string {
  const b = s.board;
  return printablePage(
    `${s.incident.name}总结报告`,
    `${at(s.incident.startedAt)} 至 ${s.incident.closedAt ? at(s.incident.closedAt) : `${at(b.asOf)}（进行中）`}`,
    [`专项期间共受理${b.total}件，已办结${b.closed}件，在办${b.open}件，超期${b.overdue}件，满意率${percent(b.satisfactionRate)}。`],
    incidentTables(s, deptName),
  );
}
