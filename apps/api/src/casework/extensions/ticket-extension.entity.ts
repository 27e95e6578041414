import type { ExtensionStatus } from '@hotline/contracts';
import { DECIMAL } from '../../platform/database/decimal.transformer';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 延期申请: a department asks for more time; a supervisor decides. */
@Entity('ticket_extensions')
export class TicketExtensionEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'ticket_id', type: 'int' })
  ticketId!: number;

  /** The deadline the request was made against: a decision on a deadline that has since moved is refused. */
  @Column({ name: 'deadline_version', type: 'int' })
  deadlineVersion!: number;

  @Column({ name: 'requested_by', type: 'int' })
  requestedBy!: number;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  @Column({ type: 'decimal', precision: 9, scale: 4, transformer: DECIMAL })
  hours!: number;

  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: ExtensionStatus;

  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy!: number | null;

  @Column({ name: 'decided_at', type: 'datetime', precision: 3, nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_note', type: 'varchar', length: 1000, nullable: true })
  decisionNote!: string | null;
}
