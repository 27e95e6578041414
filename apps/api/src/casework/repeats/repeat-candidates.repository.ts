import { Injectable } from '@nestjs/common';
import type { DuplicateCandidateDto } from '@hotline/contracts';
import { DataSource } from 'typeorm';
import { TERMS_COLUMN, TERMS_JOIN } from '../../understanding/understanding-jobs/ticket-terms.repository';

/** Candidates read per key, newest first: enough for a busy estate, bounded for a cheap check. */
const READ_LIMIT = 200;

/** A ticket a new call may repeat, with its words as kept at its registration. */
export interface CandidateRow {
  id: number;
  no: string;
  status: DuplicateCandidateDto['status'];
  urgency: DuplicateCandidateDto['urgency'];
  department_id: number | null;
  created_at: Date;
  content: string;
  address: string | null;
  caller_phone: string;
  terms: string | null;
}

// the candidates' words as kept at their registration: the history is never cut again
const COLS = `t.id, t.no, t.status, t.urgency, t.department_id, t.created_at, t.content, t.address, t.caller_phone, ${TERMS_COLUMN}`;

/**
 * The SQL of 重复件 detection: tickets that are not duplicates themselves, of one caller or one address, newest first.
 * Both are index range reads (ix_tickets_phone_created, ix_tickets_address_created), so the cost does not grow with
 * the size of the history.
 */
@Injectable()
export class RepeatCandidatesRepository {
  constructor(private readonly db: DataSource) {}

  /** The caller's tickets since `since`, and any still open. */
  byCaller(phone: string, since: Date): Promise<CandidateRow[]> {
    return this.db.query(
      `SELECT ${COLS} FROM tickets t ${TERMS_JOIN} WHERE t.caller_phone = ? AND (t.created_at >= ? OR t.status <> 'closed') AND t.duplicate_of_id IS NULL ORDER BY t.created_at DESC LIMIT ${READ_LIMIT}`,
      [phone, since],
    );
  }

  /** The address's tickets since `since`, whoever called. */
  byAddress(addressKey: string, since: Date): Promise<CandidateRow[]> {
    return this.db.query(
      // a pure range read of ix_tickets_address_created: a busy address has thousands of tickets over the years
      `SELECT ${COLS} FROM tickets t ${TERMS_JOIN} WHERE t.address_key = ? AND t.created_at >= ? AND t.duplicate_of_id IS NULL ORDER BY t.created_at DESC LIMIT ${READ_LIMIT}`,
      [addressKey, since],
    );
  }
}
