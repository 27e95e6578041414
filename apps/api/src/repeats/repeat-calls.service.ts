import { Injectable } from '@nestjs/common';
import type { DuplicateCandidateDto } from '@hotline/contracts';
import { cosineSimilarity, normalizeAddress, normalizePhone } from '@hotline/domain';
import { DataSource } from 'typeorm';
import { segmenter } from '../text/segmenter';
import { ticketSummary } from '../tickets/ticket-view';

const DAY_MS = 86_400_000;
/** Same caller: tickets of the last 30 days (and any still open). */
export const SAME_CALLER_DAYS = 30;
/** Same address, anyone: tickets of the last 7 days. */
export const SAME_ADDRESS_DAYS = 7;
/** How alike two texts must be (cosine of their words) to be shown as the same problem. */
export const MIN_SIMILARITY = 0.3;
/** Candidates read per key, newest first: enough for a busy estate, bounded for a cheap check. */
const READ_LIMIT = 200;

interface Row {
  id: number;
  no: string;
  status: DuplicateCandidateDto['status'];
  urgency: DuplicateCandidateDto['urgency'];
  department_id: number | null;
  created_at: Date;
  content: string;
  address: string | null;
  caller_phone: string;
}

/**
 * 重复件 detection: a new call is compared with the same caller's recent or still open tickets and with the same
 * address's tickets of the last week, by the cosine of their words (jieba). Both lookups are index range reads
 * (ix_tickets_phone_created, ix_tickets_address_created), so the cost does not grow with the size of the history.
 */
@Injectable()
export class RepeatCalls {
  constructor(private readonly db: DataSource) {}

  async candidates(input: { callerPhone?: string | null; content: string; address?: string | null; excludeId?: number; now: Date }, max = 5): Promise<DuplicateCandidateDto[]> {
    const phone = input.callerPhone ? normalizePhone(input.callerPhone) : null;
    const addressKey = normalizeAddress(input.address);
    const cols = 'id, no, status, urgency, department_id, created_at, content, address, caller_phone';
    const [byPhone, byAddress] = await Promise.all([
      phone
        ? (this.db.query(
            `SELECT ${cols} FROM tickets WHERE caller_phone = ? AND (created_at >= ? OR status <> 'closed') AND duplicate_of_id IS NULL ORDER BY created_at DESC LIMIT ${READ_LIMIT}`,
            [phone, new Date(input.now.getTime() - SAME_CALLER_DAYS * DAY_MS)],
          ) as Promise<Row[]>)
        : Promise.resolve([] as Row[]),
      addressKey
        ? (this.db.query(
            // a pure range read of ix_tickets_address_created: a busy address has thousands of tickets over the years
            `SELECT ${cols} FROM tickets WHERE address_key = ? AND created_at >= ? AND duplicate_of_id IS NULL ORDER BY created_at DESC LIMIT ${READ_LIMIT}`,
            [addressKey, new Date(input.now.getTime() - SAME_ADDRESS_DAYS * DAY_MS)],
          ) as Promise<Row[]>)
        : Promise.resolve([] as Row[]),
    ]);
    const seg = segmenter();
    const words = seg.terms(input.content);
    const found = new Map<number, DuplicateCandidateDto>();
    const consider = (r: Row, reason: 'same_caller' | 'same_address') => {
      if (r.id === input.excludeId) return;
      const known = found.get(Number(r.id));
      if (known) {
        if (!known.reasons.includes(reason)) known.reasons.push(reason);
        return;
      }
      const similarity = cosineSimilarity(words, seg.terms(r.content));
      if (similarity < MIN_SIMILARITY) return;
      found.set(Number(r.id), {
        ...ticketSummary(r as unknown as Record<string, unknown>),
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
