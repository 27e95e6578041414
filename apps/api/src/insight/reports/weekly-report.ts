import type { DepartmentDto, WeeklyReportDto } from '@hotline/contracts';
import { KeywordTally, emptyKpiCounts, evaluatedAt, kpisFromCounts, shanghaiDate, sumKpiCounts, type TimeRange } from '@hotline/domain';
import { tallyKpis, type RunQuery } from '../../live/kpis/kpi-queries';
import { segmenter } from '../../understanding/text/segmenter';
import { TicketTerms } from '../../understanding/understanding-jobs/ticket-terms.repository';
import { BREACHED_NOW } from './report-sql';

const KEYWORDS_PER_DEPARTMENT = 10;
const KEYWORDS_TOTAL = 20;
/** Texts without kept words read per statement. */
const CHUNK = 5_000;

interface Registered {
  departmentId: number | null;
  words: string[];
}

/**
 * The words of each ticket registered in P, in registration order (created_at, then id: a word's first ticket breaks
 * ties of counts). The words are those kept when the ticket was understood (ticket_words, the same cut as
 * segmenter().terms); a ticket without them (its job not run yet, or registered before they were kept) has its
 * content cut here. The tickets come from ix_tickets_created_department alone, the words by primary key.
 */
export async function readRegisteredWords(query: RunQuery, p: TimeRange): Promise<Registered[]> {
  const rows = await query(
    `SELECT t.id, t.department_id, w.terms FROM tickets t FORCE INDEX (ix_tickets_created_department) LEFT JOIN ticket_words w ON w.ticket_id = t.id
     WHERE t.created_at >= ? AND t.created_at < ? ORDER BY t.created_at, t.id`,
    [p.from, p.to],
  );
  const out: Registered[] = [];
  const uncut = new Map<number, Registered>();
  for (const r of rows) {
    const item: Registered = { departmentId: r.department_id === null ? null : Number(r.department_id), words: [] };
    if (r.terms) item.words = TicketTerms.of({ content: '', terms: r.terms as string });
    if (!r.terms || (item.words.length === 0 && r.terms !== '[]')) uncut.set(Number(r.id), item);
    out.push(item);
  }
  const ids = [...uncut.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const r of await query('SELECT id, content FROM tickets WHERE id IN (?)', [ids.slice(i, i + CHUNK)])) {
      uncut.get(Number(r.id))!.words = segmenter().terms(r.content as string);
    }
  }
  return out;
}

/** The weekly report of `range` at `now`: KPIs counted by the database, keywords from the kept words. */
export async function weeklyReport(query: RunQuery, departments: DepartmentDto[], range: TimeRange, now: Date): Promise<WeeklyReportDto> {
  const [tallies, registered, open] = await Promise.all([
    tallyKpis(query, range, now),
    readRegisteredWords(query, range),
    query(
      `SELECT department_id, COUNT(*) AS n, COUNT(CASE WHEN ${BREACHED_NOW} THEN 1 END) AS breached FROM tickets
       WHERE status IN ('dispatched', 'accepted') GROUP BY department_id`,
      [],
    ),
  ]);
  const openBy = new Map(open.map((r) => [Number(r.department_id), r]));
  const keywords = new KeywordTally<number>();
  for (const r of registered) keywords.add(r.words, r.departmentId);
  return {
    week: shanghaiDate(range.from),
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    asOf: evaluatedAt(range, now).toISOString(),
    totals: { ...kpisFromCounts(sumKpiCounts(tallies.values())), keywords: keywords.top(KEYWORDS_TOTAL) },
    departments: departments.map((d) => ({
      departmentId: d.id,
      code: d.code,
      name: d.name,
      kpis: kpisFromCounts(tallies.get(d.id) ?? emptyKpiCounts()),
      openNow: Number(openBy.get(d.id)?.n ?? 0),
      breachedNow: Number(openBy.get(d.id)?.breached ?? 0),
      keywords: keywords.top(KEYWORDS_PER_DEPARTMENT, d.id),
    })),
  };
}
