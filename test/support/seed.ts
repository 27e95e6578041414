import type { Connection } from 'mysql2/promise';

export interface SeedTicket {
  departmentId: number;
  createdAt: Date;
  /** Signed for after the sign-for limit (15 min). */
  acceptedLate: boolean;
  /** Replied after the deadline (12 h); otherwise after 2 h. */
  repliedLate: boolean;
  /** Closed 1 h after the reply (else waiting for the callback). */
  closed: boolean;
  /** Dispatch lines in the trail (default 1) and returns among them (default 0). */
  dispatches?: number;
  returns?: number;
  /** Merged into an earlier ticket as a repeat call. */
  duplicateOfId?: number | null;
  content?: string;
  areaKey?: string | null;
  /** Not replied at all (signed for and in hand). */
  unreplied?: boolean;
  /** Another deadline than 12 h after registration. */
  dueAt?: Date;
}

let seq = 0;
const H = 3_600_000;

/**
 * A ticket written straight into the database at a moment in the past (a period the tests rank or warn about), with
 * its trail's dispatch and return lines: the figures read only these. Answers its id.
 */
export async function seedTicket(sql: Connection, s: SeedTicket): Promise<number> {
  seq += 1;
  const c = s.createdAt.getTime();
  const due = s.dueAt ?? new Date(c + 12 * H);
  const accepted = new Date(c + (s.acceptedLate ? 0.5 : 0.1) * H);
  const replied = s.unreplied ? null : new Date(s.repliedLate ? due.getTime() + H : c + 2 * H);
  const closed = s.closed && replied ? new Date(replied.getTime() + H) : null;
  const [res] = (await sql.query(
    `INSERT INTO tickets (no, status, urgency, category, content, caller_phone, confidential, department_id, created_by, created_at, updated_at,
       sla_started_at, due_at, warn_at, sla_state, dispatched_at, accept_due_at, dispatch_count, accepted_at, replied_at, closed_at, duplicate_of_id,
       area_key, deadline_version, reopen_count, urge_count, version)
     VALUES (?, ?, 'normal', 'help', ?, '13900000000', 0, ?, 1, ?, ?, ?, ?, ?, 'on_track', ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 1)`,
    [
      `S${process.pid}-${seq}`,
      closed ? 'closed' : replied ? 'replied' : 'accepted',
      s.content ?? '小区停水，请尽快处理。',
      s.departmentId,
      s.createdAt,
      closed ?? replied ?? accepted,
      s.createdAt,
      due,
      new Date(c + 9 * H),
      new Date(c + 0.05 * H),
      new Date(c + 0.3 * H),
      s.dispatches ?? 1,
      accepted,
      replied,
      closed,
      s.duplicateOfId ?? null,
      s.areaKey ?? null,
    ],
  )) as any;
  const id = Number(res.insertId);
  for (let i = 0; i < (s.dispatches ?? 1); i++) {
    await sql.query(
      "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'dispatch', 'registered', 'dispatched', 1, 'agent', ?, ?)",
      [id, new Date(c + 0.05 * H), JSON.stringify({ departmentId: s.departmentId })],
    );
  }
  for (let i = 0; i < (s.returns ?? 0); i++) {
    await sql.query(
      "INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, at, data) VALUES (?, 'return', 'dispatched', 'returned', 1, 'handler', ?, ?)",
      [id, new Date(c + 0.06 * H), JSON.stringify({ departmentId: s.departmentId, reason: '非本单位职责' })],
    );
  }
  return id;
}
