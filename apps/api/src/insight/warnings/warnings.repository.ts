import { Injectable } from '@nestjs/common';
import type { WarningDto, WarningMetric, WarningScope, WarningStatus } from '@hotline/contracts';
import type { TimeRange } from '@hotline/domain';
import { DataSource } from 'typeorm';
import { isDuplicateKey } from '../../platform/database/errors';

interface WarningRow {
  id: number;
  scope: WarningScope;
  department_id: number | null;
  area: string | null;
  metric: WarningMetric;
  period_start: Date;
  current_count: number;
  previous_count: string | number;
  growth: string | number | null;
  status: WarningStatus;
  issued_at: Date;
  acknowledged_at: Date | null;
  acknowledged_by: number | null;
  version: number;
}

export interface NewWarning {
  scope: WarningScope;
  departmentId: number | null;
  area: string | null;
  metric: WarningMetric;
  periodKind: string;
  periodStart: Date;
  current: number;
  previous: number;
  growth: number | null;
}

export interface WarningFilter {
  status?: WarningStatus;
  departmentId?: number;
  /** A handler: its department's warnings only. */
  onlyDepartment?: number;
  page: number;
  pageSize: number;
}

const toDto = (r: WarningRow): WarningDto => ({
  id: Number(r.id),
  scope: r.scope,
  departmentId: r.department_id === null ? null : Number(r.department_id),
  area: r.area,
  metric: r.metric,
  current: Number(r.current_count),
  previous: Number(r.previous_count),
  growth: r.growth === null ? null : Number(r.growth),
  periodStart: new Date(r.period_start).toISOString(),
  status: r.status,
  issuedAt: new Date(r.issued_at).toISOString(),
  acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
  acknowledgedBy: r.acknowledged_by === null ? null : Number(r.acknowledged_by),
  version: Number(r.version),
});

/** Count per subject in each of `ranges` (index i -> column p<i>), in one pass over the earliest to the latest. */
function buckets(column: string, ranges: readonly TimeRange[]): { select: string; params: Date[] } {
  return { select: ranges.map((_, i) => `SUM(${column} >= ? AND ${column} < ?) AS p${i}`).join(', '), params: ranges.flatMap((r) => [r.from, r.to]) };
}

export type Counts = Map<string, number[]>;

/** The SQL of warnings, and the counts they are raised from. */
@Injectable()
export class WarningsRepository {
  constructor(private readonly db: DataSource) {}

  private async counts(sql: (select: string) => string, column: string, ranges: readonly TimeRange[], extra: unknown[]): Promise<Counts> {
    const b = buckets(column, ranges);
    const rows: Array<Record<string, unknown>> = await this.db.query(sql(b.select), [...b.params, ...extra]);
    return new Map(rows.map((r) => [String(r.k), ranges.map((_, i) => Number(r[`p${i}`] ?? 0))]));
  }

  /** Tickets received per department (the one holding it now) or per area, in each range. */
  volume(scope: WarningScope, ranges: readonly TimeRange[]): Promise<Counts> {
    const key = scope === 'department' ? 'department_id' : 'area_key';
    const from = ranges[0].from;
    const to = ranges[ranges.length - 1].to;
    return this.counts(
      (select) => `SELECT ${key} AS k, ${select} FROM tickets WHERE created_at >= ? AND created_at < ? AND ${key} IS NOT NULL GROUP BY ${key}`,
      'created_at',
      ranges,
      [from, to],
    );
  }

  /** Deadlines missed per department or area in each range: dispatched tickets due then, replied late or not at all by `now`. */
  overdue(scope: WarningScope, ranges: readonly TimeRange[], now: Date): Promise<Counts> {
    const key = scope === 'department' ? 'department_id' : 'area_key';
    const from = ranges[0].from;
    const to = ranges[ranges.length - 1].to < now ? ranges[ranges.length - 1].to : now;
    return this.counts(
      (select) => `SELECT ${key} AS k, ${select} FROM tickets
        WHERE due_at >= ? AND due_at < ? AND dispatch_count > 0 AND (replied_at IS NULL OR replied_at > due_at) AND ${key} IS NOT NULL GROUP BY ${key}`,
      'due_at',
      ranges,
      [from, to],
    );
  }

  /** Inserts the warning unless this subject, metric and period has one already (the unique key): answers its id or null. */
  async insertOnce(w: NewWarning, now: Date): Promise<number | null> {
    const subject = w.scope === 'department' ? `department:${w.departmentId}` : `area:${w.area}`;
    try {
      const res = await this.db.query(
        `INSERT INTO warnings (scope, department_id, area, subject, metric, period_kind, period_start, current_count, previous_count, growth, status, issued_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, 1)`,
        [w.scope, w.departmentId, w.area, subject, w.metric, w.periodKind, w.periodStart, w.current, w.previous, w.growth, now],
      );
      return Number(res.insertId);
    } catch (e) {
      if (isDuplicateKey(e)) return null;
      throw e;
    }
  }

  async get(id: number): Promise<WarningDto | null> {
    const [row]: WarningRow[] = await this.db.query('SELECT * FROM warnings WHERE id = ?', [id]);
    return row ? toDto(row) : null;
  }

  async list(f: WarningFilter): Promise<{ items: WarningDto[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      params.push(value);
    };
    if (f.status) add('status = ?', f.status);
    if (f.departmentId !== undefined) add('department_id = ?', f.departmentId);
    if (f.onlyDepartment !== undefined) add('department_id = ?', f.onlyDepartment);
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, [{ n }]] = await Promise.all([
      this.db.query<WarningRow[]>(`SELECT * FROM warnings ${w} ORDER BY issued_at DESC, id DESC LIMIT ? OFFSET ?`, [...params, f.pageSize, (f.page - 1) * f.pageSize]),
      this.db.query<Array<{ n: number }>>(`SELECT COUNT(*) AS n FROM warnings ${w}`, params),
    ]);
    return { items: rows.map(toDto), total: Number(n) };
  }

  /** open -> acknowledged, guarded by status and version: answers whether this call made the change. */
  async acknowledge(id: number, version: number, userId: number, now: Date): Promise<boolean> {
    const res = await this.db.query(
      "UPDATE warnings SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, version = version + 1 WHERE id = ? AND status = 'open' AND version = ?",
      [now, userId, id, version],
    );
    return Number(res.affectedRows) === 1;
  }
}
