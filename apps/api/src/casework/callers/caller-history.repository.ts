import { Injectable } from '@nestjs/common';
import { STATUSES } from '@hotline/contracts';
import { DataSource } from 'typeorm';

const COLUMNS = 'id, no, status, urgency, department_id, created_at, due_at, content, confidential';
const OPEN_STATUSES = STATUSES.filter((s) => s !== 'closed');

/** The SQL of a caller's history: the tickets of one phone number. */
@Injectable()
export class CallerHistoryRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * The phone's open tickets and its latest ones, newest first, at most `limit` each: two bounded index reads
   * (phone, status) and (phone, id), whatever the caller's volume. `handlerDepartmentId`: only that department's
   * tickets that are not confidential (a handler's view); null for all of them (the centre's).
   */
  async openAndLatest(phone: string, handlerDepartmentId: number | null, limit: number): Promise<[Array<Record<string, any>>, Array<Record<string, any>>]> {
    const scoped = handlerDepartmentId !== null;
    const scope = scoped ? 'AND department_id = ? AND confidential = 0' : '';
    const params = scoped ? [phone, handlerDepartmentId] : [phone];
    return (await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM tickets WHERE caller_phone = ? AND status IN (?) ${scope} ORDER BY id DESC LIMIT ${Number(limit)}`, [
        phone,
        OPEN_STATUSES,
        ...params.slice(1),
      ]),
      this.db.query(`SELECT ${COLUMNS} FROM tickets WHERE caller_phone = ? ${scope} ORDER BY id DESC LIMIT ${Number(limit)}`, params),
    ])) as [Array<Record<string, any>>, Array<Record<string, any>>];
  }
}
