import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { EnvDto } from '../config/env.dto';
import { DomainEvents } from '../events/domain-events';
import { LiveGateway } from '../../live/realtime/live.gateway';
import { SlaTimers } from '../../sla/sla-timers.service';

/**
 * Prometheus metrics of this process (each instance is scraped on its own; sum across instances in queries).
 * What each means and which alerts to set: docs/operations.md.
 */
@Injectable()
export class Metrics implements OnModuleInit {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly created = new Counter({
    name: 'hotline_tickets_created_total',
    help: 'Tickets registered by this process, by urgency',
    labelNames: ['urgency'] as const,
    registers: [this.registry],
  });
  private readonly sla = new Counter({
    name: 'hotline_sla_events_total',
    help: 'SLA clock effects recorded by this process: warning, breached, accept_overdue; by urgency',
    labelNames: ['kind', 'urgency'] as const,
    registers: [this.registry],
  });
  private readonly breaches = new Counter({
    name: 'hotline_sla_breaches_total',
    help: 'Deadlines breached (recorded by this process), by urgency',
    labelNames: ['urgency'] as const,
    registers: [this.registry],
  });

  constructor(
    private readonly bus: DomainEvents,
    private readonly timers: SlaTimers,
    db: DataSource,
    env: EnvDto,
    @Optional() private readonly gateway?: LiveGateway,
  ) {
    collectDefaultMetrics({ register: this.registry });
    const queue = this.timers.queue;
    new Gauge({
      name: 'hotline_sla_queue_jobs',
      help: 'SLA timer jobs in the queue by state (delayed = armed timers waiting for their moment)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await queue.getJobCounts('delayed', 'active', 'waiting', 'failed').catch(() => null);
        if (!counts) return;
        for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
      },
    });
    new Gauge({
      name: 'hotline_sla_workers',
      help: 'SLA workers connected to the queue (all processes); 0 means no timer fires',
      registers: [this.registry],
      async collect() {
        const n = await queue.getWorkersCount().catch(() => null);
        if (n !== null) this.set(n);
      },
    });
    const engine = env.SEARCH_ENGINE !== 'table';
    new Gauge({
      name: 'hotline_search_outbox_tickets',
      help: 'Tickets whose changed words wait to be sent to the search engine (always 0 without one)',
      registers: [this.registry],
      async collect() {
        if (!engine) return this.set(0);
        const rows = await db.query<Array<{ n: number }>>('SELECT COUNT(*) AS n FROM search_outbox').catch(() => null);
        if (rows) this.set(Number(rows[0].n));
      },
    });
    const sockets = this.gateway;
    new Gauge({
      name: 'hotline_sockets_connected',
      help: 'Live (socket.io) connections to this process',
      registers: [this.registry],
      collect() {
        this.set(sockets?.connectedCount() ?? 0);
      },
    });
  }

  onModuleInit(): void {
    this.bus.on('ticket.created', (p) => this.created.inc({ urgency: p.urgency }));
    this.bus.on('sla.warning', (p) => this.sla.inc({ kind: 'warning', urgency: p.urgency }));
    this.bus.on('sla.accept_overdue', (p) => this.sla.inc({ kind: 'accept_overdue', urgency: p.urgency }));
    this.bus.on('sla.breached', (p) => {
      this.sla.inc({ kind: 'breached', urgency: p.urgency });
      this.breaches.inc({ urgency: p.urgency });
    });
  }
}
