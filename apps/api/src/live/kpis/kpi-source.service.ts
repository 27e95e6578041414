import { Injectable } from '@nestjs/common';
import type { KpiCounts, TimeRange } from '@hotline/domain';
import { ReadReplica } from '../../platform/database/read-replica';
import { tallyKpis, type RunQuery } from './kpi-queries';

/**
 * The KPI formulas' counts (libs/domain kpi.ts) for a period, by the department holding each ticket (null: none),
 * counted by the database over its covering index (kpi-queries.ts tallyKpis): the API's event loop never walks the
 * period's tickets, however many a surge brings (read into it, 700,000 tickets touched in a day blocked it 2 s at a time).
 */
@Injectable()
export class KpiSource {
  private readonly run: RunQuery;

  /** Reads from a replica when there is one: figures a few seconds stale are fine. */
  constructor(replica: ReadReplica) {
    this.run = replica.run;
  }

  async counts(p: TimeRange, now = new Date()): Promise<Map<number | null, KpiCounts>> {
    return tallyKpis(this.run, p, now);
  }
}
