import { Injectable } from '@nestjs/common';
import type { Urgency } from '@hotline/contracts';
import { addSlaTime, slaHoursToMs, slaWindow, type BusinessCalendar } from '@hotline/domain';
import { DataSource } from 'typeorm';
import { EnvDto } from '../platform/config/env.dto';
import { BusinessCalendarEntity } from './business-calendar.entity';
import { SlaPolicyEntity } from './sla-policy.entity';

/** How long a process trusts its copy of the policies; an admin's change reaches every instance within this. */
const POLICY_TTL_MS = 5000;

interface Snapshot {
  loadedAt: number;
  policies: Map<Urgency, SlaPolicyEntity>;
  calendars: Map<number, BusinessCalendar>;
}

/** Turns the SLA policies into the deadlines a ticket is given. */
@Injectable()
export class SlaClock {
  private snapshot: Promise<Snapshot> | null = null;
  private last: Snapshot | null = null;
  private generation = 0;

  constructor(
    private readonly db: DataSource,
    private readonly env: EnvDto,
  ) {}

  invalidate(): void {
    this.generation++;
    this.last = null;
    this.snapshot = null;
  }

  private async load(): Promise<Snapshot> {
    const [policies, calendars] = await Promise.all([this.db.getRepository(SlaPolicyEntity).find(), this.db.getRepository(BusinessCalendarEntity).find()]);
    return {
      loadedAt: Date.now(),
      policies: new Map(policies.map((p) => [p.urgency, p])),
      calendars: new Map(calendars.map((c) => [c.id, JSON.parse(c.definition) as BusinessCalendar])),
    };
  }

  /**
   * The policies as last loaded. A stale copy keeps serving while a fresh one loads: callers are often inside a
   * transaction, holding a pool connection, and if every connection's holder waited for the reload's own connection the
   * pool would be stuck for good (seen with 200 tickets acted on at once). Only the first load, and the first after an
   * admin's change (invalidate), is waited for.
   */
  private async current(): Promise<Snapshot> {
    if (this.last && Date.now() - this.last.loadedAt < POLICY_TTL_MS) return this.last;
    if (!this.snapshot) {
      const generation = this.generation;
      const loading = this.load();
      this.snapshot = loading;
      loading
        .then(
          (snap) => {
            if (generation === this.generation) this.last = snap;
          },
          () => undefined,
        )
        .finally(() => {
          if (this.snapshot === loading) this.snapshot = null;
        });
    }
    return this.last ?? this.snapshot;
  }

  async policy(urgency: Urgency): Promise<{ policy: SlaPolicyEntity; calendar: BusinessCalendar | null }> {
    const snap = await this.current();
    const policy = snap.policies.get(urgency);
    if (!policy) throw new Error(`no SLA policy for urgency ${urgency}`);
    return { policy, calendar: policy.calendarId ? (snap.calendars.get(policy.calendarId) ?? null) : null };
  }

  /** The resolution window opened at `start`: when it turns yellow, when it is due, and on which calendar. */
  async window(start: Date, urgency: Urgency): Promise<{ dueAt: Date; warnAt: Date; calendarId: number | null }> {
    const { policy, calendar } = await this.policy(urgency);
    const w = slaWindow(start, policy.resolutionHours, policy.warningRatio, this.env.SLA_SECONDS_PER_HOUR, calendar);
    return { ...w, calendarId: calendar ? policy.calendarId : null };
  }

  /** The sign-for limit of a dispatch made at `at`. */
  async acceptDue(at: Date, urgency: Urgency): Promise<Date> {
    const { policy, calendar } = await this.policy(urgency);
    return addSlaTime(at, slaHoursToMs(policy.acceptLimitHours, this.env.SLA_SECONDS_PER_HOUR), calendar);
  }

  /** When a supervision order given at `at` is due: `hours`, or the policy's supervisionHours, on the policy's calendar. */
  async supervisionDue(at: Date, urgency: Urgency, hours?: number): Promise<{ dueAt: Date; calendarId: number | null }> {
    const { policy, calendar } = await this.policy(urgency);
    const h = hours ?? policy.supervisionHours;
    return { dueAt: addSlaTime(at, slaHoursToMs(h, this.env.SLA_SECONDS_PER_HOUR), calendar), calendarId: calendar ? policy.calendarId : null };
  }

  /** When a tracker's next follow-up is due after `at` (round the clock: a 特急 case is tracked at night too). */
  async followUpDue(at: Date, urgency: Urgency): Promise<Date> {
    const { policy } = await this.policy(urgency);
    return new Date(at.getTime() + slaHoursToMs(policy.followUpMinutes / 60, this.env.SLA_SECONDS_PER_HOUR));
  }

  /** Extra time granted by an extension, counted on the ticket's calendar. */
  async extend(dueAt: Date, hours: number, calendarId: number | null): Promise<Date> {
    const snap = await this.current();
    const calendar = calendarId ? (snap.calendars.get(calendarId) ?? null) : null;
    return addSlaTime(dueAt, slaHoursToMs(hours, this.env.SLA_SECONDS_PER_HOUR), calendar);
  }
}
