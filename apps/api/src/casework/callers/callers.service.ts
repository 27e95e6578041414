import { Injectable } from '@nestjs/common';
import type { CallerHistoryItem } from '@hotline/contracts';
import { normalizePhone } from '@hotline/domain';
import type { AuthUser } from '../../access/auth/auth-user';
import { ticketSummary } from '../tickets/ticket-view';
import { CallerHistoryRepository } from './caller-history.repository';

/** A caller's tickets, for the screen the agent sees while the phone rings. */
@Injectable()
export class CallersService {
  constructor(private readonly tickets: CallerHistoryRepository) {}

  /**
   * Open ones first (newest first), then the newest closed, at most `limit`. The centre sees all of them; a handler only its own
   * department's tickets that are not confidential (a confidential caller is never linked to a phone number outside
   * the centre, so such a ticket is left out rather than masked).
   */
  async history(phoneText: string, viewer: Pick<AuthUser, 'role' | 'departmentId'> | null, limit = 10): Promise<CallerHistoryItem[]> {
    const phone = normalizePhone(phoneText);
    if (!phone) return [];
    const [open, latest] = await this.tickets.openAndLatest(phone, viewer?.role === 'handler' ? (viewer.departmentId ?? -1) : null, limit);
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
