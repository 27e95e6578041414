import { Injectable } from '@nestjs/common';
import { SLA_STATES, URGENCIES, type KpiSet, type SlaState, type Urgency, type WallboardSnapshot, type WallboardTicket } from '@hotline/contracts';
import { emptyKpiCounts, hourBuckets, kpisFromCounts, shanghaiDayRange, sumKpiCounts, type TimeRange } from '@hotline/domain';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { IncidentsService } from '../../insight/incidents/incidents.service';
import { KpiSource } from '../kpis/kpi-source.service';
import { RankingsService } from '../../insight/rankings/rankings.service';
import { WallboardRepository } from './wallboard.repository';

export const NEAREST_DEADLINES = 20;
/** Today's figures count every ticket touched today: recomputed at most this often, the open counts every time. */
export const KPI_REFRESH_MS = 5000;

/**
 * Computes the wallboard from MySQL. Open tickets are counted from the covering index
 * (status, department_id, urgency, sla_state, due_at), never by scanning closed history; today's figures come from
 * the KPI formulas' counts over the tickets touched today, counted by the database (KpiSource).
 */
@Injectable()
export class WallboardService {
  constructor(
    private readonly rows: WallboardRepository,
    private readonly departments: DepartmentsService,
    private readonly kpiSource: KpiSource,
    private readonly rankings: RankingsService,
    private readonly incidents: IncidentsService,
  ) {}

  /** A fresh snapshot; today's figures are taken from `previous` when it computed them recently, the same day. */
  async compute(seq: number, now = new Date(), previous?: WallboardSnapshot | null): Promise<WallboardSnapshot> {
    const today = shanghaiDayRange(now);
    const hours = hourBuckets(now, 24);
    const reuse = previous && now.getTime() - Date.parse(previous.kpisAt) < KPI_REFRESH_MS && Date.parse(previous.kpisAt) >= today.from.getTime() ? previous : null;
    const [groups, nearest, intake, figures, insight, handling] = await Promise.all([
      this.rows.openGroups(),
      this.nearestDeadlines(),
      this.rows.intakeByHour(hours[0]),
      reuse ? null : this.todaysFigures(today, now),
      reuse ? null : this.insight(now, previous),
      this.rows.handlingByAgent(today.from),
    ]);

    const zero = () => ({ open: 0, warning: 0, breached: 0 });
    const totals = zero();
    const byDept = new Map(this.departments.all().map((d) => [d.id, zero()]));
    const undispatched = zero();
    const byUrgency = new Map(URGENCIES.map((u) => [u, zero()]));
    const matrix = new Map<string, number>(URGENCIES.flatMap((u) => SLA_STATES.map((s) => [`${u}/${s}`, 0] as const)));
    for (const g of groups) {
      const n = Number(g.n);
      const targets = [totals, byUrgency.get(g.urgency), g.department_id === null ? undispatched : byDept.get(Number(g.department_id))];
      for (const c of targets) {
        if (!c) continue;
        c.open += n;
        if (g.sla_state === 'warning') c.warning += n;
        if (g.sla_state === 'breached') c.breached += n;
      }
      const key = `${g.urgency}/${g.sla_state}`;
      if (matrix.has(key)) matrix.set(key, matrix.get(key)! + n);
    }

    const kpis = figures?.kpis ?? reuse!.kpis;
    const deptKpis = figures?.byDepartment ?? new Map(reuse!.byDepartment.map((d) => [d.departmentId, d.kpis]));
    const perHour = new Map(intake.map((r) => [Number(r.h), Number(r.n)]));

    return {
      generatedAt: now.toISOString(),
      seq,
      totals: { ...totals, receivedToday: kpis.received, closedToday: kpis.closed },
      byDepartment: this.departments.all().map((d) => ({ departmentId: d.id, code: d.code, name: d.name, ...byDept.get(d.id)!, kpis: deptKpis.get(d.id)! })),
      undispatched,
      byUrgency: URGENCIES.map((u) => ({ urgency: u, ...byUrgency.get(u)! })),
      openMatrix: URGENCIES.flatMap((u) => SLA_STATES.map((s) => ({ urgency: u, slaState: s, count: matrix.get(`${u}/${s}`)! }))),
      kpis,
      kpisAt: figures ? now.toISOString() : reuse!.kpisAt,
      nearestDeadlines: nearest,
      intakeByHour: hours.map((hour, i) => ({ hour: hour.toISOString(), count: perHour.get(i) ?? 0 })),
      handling: handling.map((h) => ({ agentId: Number(h.agent_id), name: h.display_name, calls: Number(h.n), averageHandlingSeconds: Math.round(Number(h.avg_ms) / 100) / 10 })),
      ranking: insight ? insight.ranking : (reuse?.ranking ?? null),
      incidents: insight ? insight.incidents : (reuse?.incidents ?? []),
    };
  }

  /**
   * This month's ranking (counted by MySQL per department, cached by the figures pool) and the open incidents' figures, refreshed
   * with today's figures. Never fails the wallboard: a problem keeps what the last snapshot showed.
   */
  private async insight(now: Date, previous?: WallboardSnapshot | null): Promise<Pick<WallboardSnapshot, 'ranking' | 'incidents'>> {
    const [ranking, incidents] = await Promise.all([
      this.rankings.ranking('month', undefined, now).then(
        (r) => {
          const scored = r.items.filter((i) => i.score !== null).map(({ departmentId, rank, previousRank, score }) => ({ departmentId, rank, previousRank, score }));
          return { period: 'month' as const, from: r.from, top: scored.slice(0, 3), bottom: scored.length > 3 ? scored.slice(Math.max(3, scored.length - 3)) : [] };
        },
        () => previous?.ranking ?? null,
      ),
      this.incidents.list('open').then(
        (open) =>
          Promise.all(
            open.slice(0, 5).map(async (i) => {
              const { board } = await this.incidents.detail(i.id, now);
              return { id: i.id, name: i.name, startedAt: i.startedAt, total: board.total, open: board.open, overdue: board.overdue, satisfactionRate: board.satisfactionRate };
            }),
          ),
        () => previous?.incidents ?? [],
      ),
    ]);
    return { ranking, incidents };
  }

  private async todaysFigures(today: TimeRange, now: Date): Promise<{ kpis: KpiSet; byDepartment: Map<number, KpiSet> }> {
    const counts = await this.kpiSource.counts(today, now);
    const byDepartment = new Map(this.departments.all().map((d) => [d.id, kpisFromCounts(counts.get(d.id) ?? emptyKpiCounts())]));
    return { kpis: kpisFromCounts(sumKpiCounts(counts.values())), byDepartment };
  }

  /** One index range per running status, each already in deadline order; merged here. */
  private async nearestDeadlines(): Promise<WallboardTicket[]> {
    const rows = await this.rows.nearestDeadlines(NEAREST_DEADLINES);
    return rows
      .map((r) => ({
        ticketId: Number(r.id),
        no: String(r.no),
        status: r.status as WallboardTicket['status'],
        urgency: r.urgency as Urgency,
        departmentId: r.department_id === null ? null : Number(r.department_id),
        slaState: r.sla_state as SlaState,
        dueAt: new Date(r.due_at as string).toISOString(),
        urgeCount: Number(r.urge_count),
      }))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.ticketId - b.ticketId)
      .slice(0, NEAREST_DEADLINES);
  }
}
