import { Injectable } from '@nestjs/common';
import { incidentDeadline, matchIncident, type IncidentMatchRule } from '@hotline/domain';
import { EnvDto } from '../../platform/config/env.dto';
import { IncidentsRepository } from './incidents.repository';

/** Another instance's new incident reaches this one's intake within this time. */
const CACHE_MS = 2_000;

/**
 * Intake's side of incidents: the open ones, read at most every two seconds (a registration must not wait on a query
 * for a rare thing), forgotten at once when this instance opens or closes one.
 */
@Injectable()
export class IncidentMatcher {
  private cached: { until: number; rules: Promise<IncidentMatchRule[]> } | null = null;

  constructor(
    private readonly repo: IncidentsRepository,
    private readonly env: EnvDto,
  ) {}

  forget(): void {
    this.cached = null;
  }

  private open(now: number): Promise<IncidentMatchRule[]> {
    if (this.cached && this.cached.until > now) return this.cached.rules;
    const rules = this.repo.openRules();
    this.cached = { until: now + CACHE_MS, rules };
    rules.catch(() => (this.cached = null));
    return rules;
  }

  /** The incident a new ticket belongs to, and its deadline under the incident's SLA override. */
  async forNewTicket(content: string, createdAt: Date, own: { dueAt: Date; warnAt: Date }): Promise<{ incidentId: number | null; dueAt: Date; warnAt: Date; overridden: boolean }> {
    const incident = matchIncident(content, await this.open(createdAt.getTime()));
    if (!incident) return { incidentId: null, ...own, overridden: false };
    return { incidentId: incident.id, ...incidentDeadline(createdAt, own, incident.slaHours, this.env.SLA_SECONDS_PER_HOUR) };
  }
}
