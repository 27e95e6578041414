import type { Category, Satisfaction, SlaState, TicketStatus, Urgency } from '@hotline/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { DECIMAL } from '../../platform/database/decimal.transformer';

@Entity('tickets')
export class TicketEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 24, unique: true })
  no!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: TicketStatus;

  @Column({ type: 'varchar', length: 16 })
  urgency!: Urgency;

  @Column({ type: 'varchar', length: 16 })
  category!: Category;

  @Column({ type: 'text' })
  content!: string;

  @Column({ name: 'caller_name', type: 'varchar', length: 64, nullable: true })
  callerName!: string | null;

  @Column({ name: 'caller_phone', type: 'varchar', length: 20 })
  callerPhone!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  address!: string | null;

  @Column({ type: 'boolean' })
  confidential!: boolean;

  @Column({ name: 'department_id', type: 'int', nullable: true })
  departmentId!: number | null;

  @Column({ name: 'created_by', type: 'int' })
  createdBy!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  /** Where the running deadline was counted from: registration, or the reopening after an unsatisfied callback. */
  @Column({ name: 'sla_started_at', type: 'datetime', precision: 3 })
  slaStartedAt!: Date;

  @Column({ name: 'due_at', type: 'datetime', precision: 3 })
  dueAt!: Date;

  /** When the ticket turns yellow: the policy's warning point of the window (recorded, like dueAt). */
  @Column({ name: 'warn_at', type: 'datetime', precision: 3 })
  warnAt!: Date;

  @Column({ name: 'warned_at', type: 'datetime', precision: 3, nullable: true })
  warnedAt!: Date | null;

  /** Bumped whenever dueAt moves, so timers armed for an older deadline know they are stale. */
  @Column({ name: 'deadline_version', type: 'int' })
  deadlineVersion!: number;

  /** The business calendar the deadline was counted on; null: round the clock. */
  @Column({ name: 'sla_calendar_id', type: 'int', nullable: true })
  slaCalendarId!: number | null;

  @Column({ name: 'sla_state', type: 'varchar', length: 16 })
  slaState!: SlaState;

  @Column({ name: 'breached_at', type: 'datetime', precision: 3, nullable: true })
  breachedAt!: Date | null;

  @Column({ name: 'dispatched_at', type: 'datetime', precision: 3, nullable: true })
  dispatchedAt!: Date | null;

  /** Sign-for (签收) limit of the current dispatch. */
  @Column({ name: 'accept_due_at', type: 'datetime', precision: 3, nullable: true })
  acceptDueAt!: Date | null;

  @Column({ name: 'accept_overdue_at', type: 'datetime', precision: 3, nullable: true })
  acceptOverdueAt!: Date | null;

  /** Counts dispatches; the version of the sign-for timer. */
  @Column({ name: 'dispatch_count', type: 'int' })
  dispatchCount!: number;

  @Column({ name: 'accepted_at', type: 'datetime', precision: 3, nullable: true })
  acceptedAt!: Date | null;

  @Column({ name: 'replied_at', type: 'datetime', precision: 3, nullable: true })
  repliedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', precision: 3, nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  reply!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  satisfaction!: Satisfaction | null;

  @Column({ name: 'reopen_count', type: 'int' })
  reopenCount!: number;

  @Column({ name: 'urge_count', type: 'int' })
  urgeCount!: number;

  /** Where the request came from: a call (phone) or a civic app through Open311. */
  @Column({ type: 'varchar', length: 16, default: 'phone' })
  source!: 'phone' | 'open311';

  @Column({ type: 'decimal', precision: 9, scale: 6, nullable: true, transformer: DECIMAL })
  lat!: number | null;

  @Column({ type: 'decimal', precision: 9, scale: 6, nullable: true, transformer: DECIMAL })
  lng!: number | null;

  @Column({ name: 'open311_key_id', type: 'int', nullable: true })
  open311KeyId!: number | null;

  /** Open311: the photo the citizen's app sent with the request. */
  @Column({ name: 'media_url', type: 'varchar', length: 1024, nullable: true })
  mediaUrl!: string | null;

  /** Open311: the place's id in the jurisdiction's address register, when the app gave one. */
  @Column({ name: 'address_id', type: 'varchar', length: 64, nullable: true })
  addressId!: string | null;

  /** The telephony call the ticket was registered in. */
  @Column({ name: 'call_id', type: 'varchar', length: 64, nullable: true })
  callId!: string | null;

  /** The earlier ticket this one repeats (重复件), once merged into it. */
  @Column({ name: 'duplicate_of_id', type: 'int', nullable: true })
  duplicateOfId!: number | null;

  /** The address reduced for comparison (repeat calls from the same address). */
  @Column({ name: 'address_key', type: 'varchar', length: 120, nullable: true })
  addressKey!: string | null;

  /** The estate, village or road of the address (hotspots). */
  @Column({ name: 'area_key', type: 'varchar', length: 64, nullable: true })
  areaKey!: string | null;

  /** The incident (专项) the ticket is tagged with. */
  @Column({ name: 'incident_id', type: 'int', nullable: true })
  incidentId!: number | null;

  /** 跟踪人: tracks the ticket point to point and logs follow-ups (every 特急 ticket has one from registration). */
  @Column({ name: 'tracker_id', type: 'int', nullable: true })
  trackerId!: number | null;

  /** 包案领导: the leader who owns the case. */
  @Column({ name: 'leader_id', type: 'int', nullable: true })
  leaderId!: number | null;

  /** Breaches over the ticket's whole life, one per deadline: a reopening or a redirect never resets it. */
  @Column({ name: 'breach_count', type: 'int', default: 0 })
  breachCount!: number;

  @Column({ name: 'warning_count', type: 'int', default: 0 })
  warningCount!: number;

  /** 改派: how often the centre moved the ticket to another department. */
  @Column({ name: 'redirect_count', type: 'int', default: 0 })
  redirectCount!: number;

  /** When the tracker's next follow-up is due; null without a tracker. */
  @Column({ name: 'follow_up_due_at', type: 'datetime', precision: 3, nullable: true })
  followUpDueAt!: Date | null;

  /** Bumped whenever followUpDueAt moves (the follow-up timer's version). */
  @Column({ name: 'follow_up_version', type: 'int', default: 0 })
  followUpVersion!: number;

  @Column({ name: 'follow_up_missed_at', type: 'datetime', precision: 3, nullable: true })
  followUpMissedAt!: Date | null;

  /** When the ticket became 积案 by being reopened twice or called about three times (age is computed). */
  @Column({ name: 'backlog_since', type: 'datetime', precision: 3, nullable: true })
  backlogSince!: Date | null;

  @Column({ type: 'int' })
  version!: number;
}
