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
   * The phone's open tickets and its latest ones, newest first, at most `limit` each: bounded index reads (phone,
   * status) and (phone, id) of the live tickets and (phone, id) of the archive's, whatever the caller's volume.
   * `handlerDepartmentId`: only that department's tickets that are not confidential (a handler's view); null for all
   * of them (the centre's).
   */
  async openAndLatest(phone: string, handlerDepartmentId: number | null, limit: number): Promise<[Array<Record<string, any>>, Array<Record<string, any>>]> {
    const scoped = handlerDepartmentId !== null;
    const scope = scoped ? 'AND department_id = ? AND confidential = 0' : '';
    const params = scoped ? [phone, handlerDepartmentId] : [phone];
    const latest = (table: string) => this.db.query(`SELECT ${COLUMNS} FROM ${table} WHERE caller_phone = ? ${scope} ORDER BY id DESC LIMIT ${Number(limit)}`, params);
    const [open, live, archived] = (await Promise.all([
      this.db.query(`SELECT ${COLUMNS} FROM tickets WHERE caller_phone = ? AND status IN (?) ${scope} ORDER BY id DESC LIMIT ${Number(limit)}`, [
        phone,
        OPEN_STATUSES,
        ...params.slice(1),
      ]),
      latest('tickets'),
      // archived tickets are closed: they only ever compete for the latest
      latest('tickets_archive'),
    ])) as Array<Array<Record<string, any>>>;
    const newest = [...live, ...archived].sort((a, b) => Number(b.id) - Number(a.id)).slice(0, limit);
    return [open, newest];
  }
}
