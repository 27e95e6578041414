import { Injectable } from '@nestjs/common';
import type { DuplicateCandidateDto } from '@hotline/contracts';
import { cosineSimilarity, normalizeAddress, normalizePhone } from '@hotline/domain';
import { segmenter } from '../../understanding/text/segmenter';
import { ticketSummary } from '../tickets/ticket-view';
import { TicketTerms } from '../../understanding/understanding-jobs/ticket-terms.repository';
import { RepeatCandidatesRepository, type CandidateRow } from './repeat-candidates.repository';

const DAY_MS = 86_400_000;
/** Same caller: tickets of the last 30 days (and any still open). */
export const SAME_CALLER_DAYS = 30;
/** Same address, anyone: tickets of the last 7 days. */
export const SAME_ADDRESS_DAYS = 7;
/** How alike two texts must be (cosine of their words) to be shown as the same problem. */
export const MIN_SIMILARITY = 0.3;

/**
 * 重复件 detection: a new call is compared with the same caller's recent or still open tickets and with the same
 * address's tickets of the last week, by the cosine of their words (jieba). Both lookups are index range reads
 * (ix_tickets_phone_created, ix_tickets_address_created), so the cost does not grow with the size of the history.
 */
@Injectable()
export class RepeatCalls {
  constructor(private readonly tickets: RepeatCandidatesRepository) {}

  /** `words`: the text's words when already cut (the understanding job cuts once and keeps them). */
  async candidates(
    input: { callerPhone?: string | null; content: string; address?: string | null; excludeId?: number; now: Date; words?: string[] },
    max = 5,
  ): Promise<DuplicateCandidateDto[]> {
    const phone = input.callerPhone ? normalizePhone(input.callerPhone) : null;
    const addressKey = normalizeAddress(input.address);
    const [byPhone, byAddress] = await Promise.all([
      phone ? this.tickets.byCaller(phone, new Date(input.now.getTime() - SAME_CALLER_DAYS * DAY_MS)) : Promise.resolve([] as CandidateRow[]),
      addressKey ? this.tickets.byAddress(addressKey, new Date(input.now.getTime() - SAME_ADDRESS_DAYS * DAY_MS)) : Promise.resolve([] as CandidateRow[]),
    ]);
    const words = input.words ?? segmenter().terms(input.content);
    const found = new Map<number, DuplicateCandidateDto>();
    const consider = (r: CandidateRow, reason: 'same_caller' | 'same_address') => {
      if (r.id === input.excludeId) return;
      const known = found.get(Number(r.id));
      if (known) {
        if (!known.reasons.includes(reason)) known.reasons.push(reason);
        return;
      }
      const similarity = cosineSimilarity(words, TicketTerms.of(r));
      if (similarity < MIN_SIMILARITY) return;
      found.set(Number(r.id), {
        ...ticketSummary(r),
        content: r.content.slice(0, 300),
        address: r.address,
        similarity: Math.round(similarity * 1000) / 1000,
        reasons: [reason],
      });
    };
    byPhone.forEach((r) => consider(r, 'same_caller'));
    byAddress.forEach((r) => consider(r, 'same_address'));
    return [...found.values()].sort((a, b) => b.similarity - a.similarity || b.createdAt.localeCompare(a.createdAt)).slice(0, max);
  }
}
