import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A call as the telephony system names it. */
export interface CallKey {
  callId: string;
  caller: string;
  extension: string;
  agentId: number | null;
}

/**
 * Every query on `calls`. Each event is recorded at most once: a repeated ringing is ignored by the primary key
 * (INSERT IGNORE), an answer or hang-up by a guarded UPDATE; each returns whether it changed the record.
 */
@Injectable()
export class CallsRepository {
  constructor(private readonly db: DataSource) {}

  /** Links a call to the ticket registered from it, unless it is linked already (inside the registration's transaction). */
  async linkTicket(m: EntityManager, callId: string, ticketId: number): Promise<void> {
    await m.query('UPDATE calls SET ticket_id = ? WHERE call_id = ? AND ticket_id IS NULL', [ticketId, callId]);
  }

  async ringing(c: CallKey, at: Date): Promise<boolean> {
    const res = await this.db.query('INSERT IGNORE INTO calls (call_id, caller_phone, extension, agent_id, ringing_at) VALUES (?, ?, ?, ?, ?)', [
      c.callId,
      c.caller,
      c.extension,
      c.agentId,
      at,
    ]);
    return res.affectedRows === 1;
  }

  /** The call's row, made if its ringing was never reported. */
  async ensure(c: CallKey): Promise<void> {
    await this.db.query('INSERT IGNORE INTO calls (call_id, caller_phone, extension, agent_id) VALUES (?, ?, ?, ?)', [c.callId, c.caller, c.extension, c.agentId]);
  }

  async answered(c: CallKey, at: Date): Promise<boolean> {
    const res = await this.db.query('UPDATE calls SET answered_at = ?, extension = ?, agent_id = ? WHERE call_id = ? AND answered_at IS NULL AND ended_at IS NULL', [
      at,
      c.extension,
      c.agentId,
      c.callId,
    ]);
    return res.affectedRows === 1;
  }

  async ended(callId: string, at: Date): Promise<boolean> {
    const res = await this.db.query(
      `UPDATE calls SET ended_at = ?, talk_ms = IF(answered_at IS NULL, NULL, GREATEST(0, TIMESTAMPDIFF(MICROSECOND, answered_at, ?) DIV 1000))
         WHERE call_id = ? AND ended_at IS NULL`,
      [at, at, callId],
    );
    return res.affectedRows === 1;
  }
}
