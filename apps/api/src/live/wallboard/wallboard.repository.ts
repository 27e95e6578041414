import { Injectable } from '@nestjs/common';
import { OPEN_STATUSES, type SlaState, type Urgency } from '@hotline/contracts';
import { ReadReplica } from '../../platform/database/read-replica';
import { CLOCK_RUNNING } from '../../sla/sla-kinds';

export interface OpenGroup {
  department_id: number | null;
  urgency: Urgency;
  sla_state: SlaState;
  n: number | string;
}

/** The wallboard's reads (tickets and calls), from the replica when there is one: a second stale is fine. */
@Injectable()
export class WallboardRepository {
  constructor(private readonly replica: ReadReplica) {}

  /** Open tickets by department, urgency and SLA state: grouped by status first, in the covering index's order (no temporary table). */
  openGroups(): Promise<OpenGroup[]> {
    return this.replica.query<OpenGroup[]>(
      'SELECT status, department_id, urgency, sla_state, COUNT(*) AS n FROM tickets WHERE status IN (?) GROUP BY status, department_id, urgency, sla_state',
      [OPEN_STATUSES],
    );
  }

  /** Registrations per hour since `from` (hours counted from it). */
  intakeByHour(from: Date): Promise<Array<{ h: number | string; n: number | string }>> {
    return this.replica.query('SELECT TIMESTAMPDIFF(HOUR, ?, created_at) AS h, COUNT(*) AS n FROM tickets WHERE created_at >= ? GROUP BY h', [from, from]);
  }

  /** Calls ended since `from` and their talk time, per agent. */
  handlingByAgent(from: Date): Promise<Array<{ agent_id: number; display_name: string; n: number | string; avg_ms: number | string }>> {
    return this.replica.query(
      `SELECT c.agent_id, u.display_name, COUNT(*) AS n, AVG(c.talk_ms) AS avg_ms FROM calls c JOIN users u ON u.id = c.agent_id
         WHERE c.ended_at >= ? AND c.talk_ms IS NOT NULL GROUP BY c.agent_id, u.display_name ORDER BY c.agent_id`,
      [from],
    );
  }

  /** The `limit` nearest deadlines of each running status: one index range each, already in deadline order. */
  nearestDeadlines(limit: number): Promise<Array<Record<string, unknown>>> {
    const one = `(SELECT id, no, status, urgency, department_id, sla_state, due_at, urge_count FROM tickets WHERE status = ? ORDER BY due_at LIMIT ${limit})`;
    return this.replica.query(CLOCK_RUNNING.map(() => one).join(' UNION ALL '), [...CLOCK_RUNNING]);
  }
}
