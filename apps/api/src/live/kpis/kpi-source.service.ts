import { Injectable } from '@nestjs/common';
import type { KpiCallback, TimeRange } from '@hotline/domain';
import { ReadReplica } from '../../platform/database/read-replica';
import { readKpiCallbacks, readKpiTickets, type KpiRow, type RunQuery } from './kpi-queries';

export type { KpiRow } from './kpi-queries';

/** Reads what the KPI formulas (libs/domain kpi.ts) need for a period (the SQL: kpi-queries.ts). */
@Injectable()
export class KpiSource {
  private readonly run: RunQuery;

  /** Reads from a replica when there is one: figures a few seconds stale are fine. */
  constructor(replica: ReadReplica) {
    this.run = replica.run;
  }

  async tickets(p: TimeRange, now = new Date()): Promise<KpiRow[]> {
    return readKpiTickets(this.run, p, now);
  }

  async callbacks(p: TimeRange): Promise<KpiCallback[]> {
    return readKpiCallbacks(this.run, p);
  }
}
