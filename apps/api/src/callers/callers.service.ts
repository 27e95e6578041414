import { Injectable } from '@nestjs/common';
import type { CallerHistoryItem } from '@hotline/contracts';
import { normalizePhone } from '@hotline/domain';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { ticketSummary } from '../tickets/ticket-view';

/** A caller's tickets, for the screen the agent sees while the phone rings. */
@Injectable()
export class CallersService {
  constructor(private readonly db: DataSource) {}

  /**
   * Open ones first, then newest first, at most `limit`. The centre sees all of them; a handler only its own
   * department's tickets that are not confidential (a confidential caller is never linked to a phone number outside
   * the centre, so such a ticket is left out rather than masked).
   */
  async history(phoneText: string, viewer: Pick<AuthUser, 'role' | 'departmentId'> | null, limit = 10): Promise<CallerHistoryItem[]> {
    const phone = normalizePhone(phoneText);
    if (!phone) return [];
    const scoped = viewer?.role === 'handler';
    const rows: Array<Record<string, any>> = await this.db.query(
      `SELECT id, no, status, urgency, department_id, created_at, due_at, content, confidential FROM tickets
       WHERE caller_phone = ? ${scoped ? 'AND department_id = ? AND confidential = 0' : ''}
       ORDER BY status = 'closed', created_at DESC LIMIT ${Number(limit)}`,
      scoped ? [phone, viewer.departmentId ?? -1] : [phone],
    );
    return rows.map((r) => ({
      ...ticketSummary(r),
      dueAt: new Date(r.due_at).toISOString(),
      content: String(r.content).slice(0, 200),
      confidential: Boolean(r.confidential),
    }));
  }
}
