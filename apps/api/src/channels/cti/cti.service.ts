import { Injectable } from '@nestjs/common';
import { CallersService } from '../../casework/callers/callers.service';
import { LiveEvents } from '../../live/realtime/live-events.service';
import { UsersRepository } from '../../access/users/users.repository';
import { CallsRepository } from './calls.repository';
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
    private readonly calls: CallsRepository,
    private readonly users: UsersRepository,
    private readonly live: LiveEvents,
    private readonly callers: CallersService,
  ) {}

  async handle(e: CtiEventDto): Promise<CtiResult> {
    const at = new Date(e.at);
    const agentId = await this.users.agentOnExtension(e.extension);
    const call = { callId: e.callId, caller: e.caller, extension: e.extension, agentId };
    let recorded: boolean;
    if (e.event === 'ringing') {
      recorded = await this.calls.ringing(call, at);
      if (recorded && agentId !== null) {
        await this.live.publishToUser(agentId, 'call.ringing', {
          callId: e.callId,
          caller: e.caller,
          extension: e.extension,
          at: at.toISOString(),
          history: await this.callers.history(e.caller, null),
        });
      }
    } else if (e.event === 'answered') {
      // an answered call whose ringing was never reported is still a call
      await this.calls.ensure(call);
      recorded = await this.calls.answered(call, at);
    } else {
      await this.calls.ensure(call);
      recorded = await this.calls.ended(e.callId, at);
    }
    return { callId: e.callId, event: e.event, recorded, agentId };
  }
}
