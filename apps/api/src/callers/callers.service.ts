import { Injectable } from '@nestjs/common';
import { STATUSES, type CallerHistoryItem } from '@hotline/contracts';
import { normalizePhone } from '@hotline/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ticketSummary } from '../tickets/ticket-view';

const COLUMNS = 'id, no, status, urgency, department_id, created_at, due_at, content, confidential';
const OPEN_STATUSES = STATUSES.filter((s) => s !== 'closed');

/** A caller's tickets, for the screen the agent sees while the phone rings. */
@Injectable()
export class CallersService {
  constructor(private readonly db: DataSource) {}

  /**
   * Open ones first (newest first), then the newest closed, at most `limit`. The centre sees all of them; a handler only its own
   * department's tickets that are not confidential (a confidential caller is never linked to a phone number outside
   * the centre, so such a ticket is left out rather than masked).
   */
  async history(phoneText: string, viewer: Pick<AuthUser, 'role' | 'departmentId'> | null, limit = 10): Promise<CallerHistoryItem[]> {
    const phone = normalizePhone(phoneText);
    if (!phone) return [];
    const scoped = viewer?.role === 'handler';
    const scope = scoped ? 'AND department_id = ? AND confidential = 0' : '';
    const params = scoped ? [phone, viewer.departmentId ?? -1] : [phone];
    // Two bounded index reads, whatever the caller's volume: the open ones (phone, status) and the latest (phone, id).
    const [open, latest] = await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM tickets WHERE caller_phone = ? AND status IN (?) ${scope} ORDER BY id DESC LIMIT ${Number(limit)}`, [phone, OPEN_STATUSES, ...params.slice(1)]),
      this.db.query(`SELECT ${COLUMNS} FROM tickets WHERE caller_phone = ? ${scope} ORDER BY id DESC LIMIT ${Number(limit)}`, params),
    ]) as [Array<Record<string, any>>, Array<Record<string, any>>];
    const seen = new Set<number>();
    const rows = [...open, ...latest].filter((r) => !seen.has(Number(r.id)) && seen.add(Number(r.id))).slice(0, limit);
    return rows.map((r) => ({
      ...ticketSummary(r),
      dueAt: new Date(r.due_at).toISOString(),
      content: String(r.content).slice(0, 200),
      confidential: Boolean(r.confidential),
    }));
  }
}
