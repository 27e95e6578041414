import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CallersService } from '../callers/callers.service';
import { LiveEvents } from '../realtime/live-events.service';
import type { CtiEventDto } from './cti-event.dto';

export interface CtiResult {
  callId: string;
  event: CtiEventDto['event'];
  /** Whether this event changed the call's record (a repeated or out-of-order one does not). */
  recorded: boolean;
  /** The agent on that extension, when there is one. */
  agentId: number | null;
}

/** Calls as the telephony system reports them: ringing pops the caller's history on the agent's console. */
@Injectable()
export class CtiService {
  constructor(
    private readonly db: DataSource,
    private readonly live: LiveEvents,
    private readonly callers: CallersService,
  ) {}

  async handle(e: CtiEventDto): Promise<CtiResult> {
    const at = new Date(e.at);
    const [agent] = await this.db.query("SELECT id FROM users WHERE extension = ? AND role = 'agent' AND active = 1", [e.extension]);
    const agentId: number | null = agent ? Number(agent.id) : null;
    let recorded: boolean;
    if (e.event === 'ringing') {
      const res = await this.db.query(
        'INSERT IGNORE INTO calls (call_id, caller_phone, extension, agent_id, ringing_at) VALUES (?, ?, ?, ?, ?)',
        [e.callId, e.caller, e.extension, agentId, at],
      );
      recorded = res.affectedRows === 1;
      if (recorded && agentId !== null) {
        await this.live.publishToUser(agentId, 'call.ringing', { callId: e.callId, caller: e.caller, extension: e.extension, at: at.toISOString(), history: await this.callers.history(e.caller, null) });
      }
    } else if (e.event === 'answered') {
      // an answered call whose ringing was never reported is still a call
      await this.db.query('INSERT IGNORE INTO calls (call_id, caller_phone, extension, agent_id) VALUES (?, ?, ?, ?)', [e.callId, e.caller, e.extension, agentId]);
      const res = await this.db.query('UPDATE calls SET answered_at = ?, extension = ?, agent_id = ? WHERE call_id = ? AND answered_at IS NULL AND ended_at IS NULL', [
        at, e.extension, agentId, e.callId,
      ]);
      recorded = res.affectedRows === 1;
    } else {
      await this.db.query('INSERT IGNORE INTO calls (call_id, caller_phone, extension, agent_id) VALUES (?, ?, ?, ?)', [e.callId, e.caller, e.extension, agentId]);
      const res = await this.db.query(
        `UPDATE calls SET ended_at = ?, talk_ms = IF(answered_at IS NULL, NULL, GREATEST(0, TIMESTAMPDIFF(MICROSECOND, answered_at, ?) DIV 1000))
         WHERE call_id = ? AND ended_at IS NULL`,
        [at, at, e.callId],
      );
      recorded = res.affectedRows === 1;
    }
    return { callId: e.callId, event: e.event, recorded, agentId };
  }
}
