import type { AuditAction, Role, TicketStatus } from '@hotline/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of a ticket's audit trail (一案一档). Append-only: the database refuses updates and deletes. */
@Entity('ticket_events')
export class TicketEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'ticket_id', type: 'int' })
  ticketId!: number;

  @Column({ type: 'varchar', length: 32 })
  action!: AuditAction;

  @Column({ name: 'from_status', type: 'varchar', length: 16, nullable: true })
  fromStatus!: TicketStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 16, nullable: true })
  toStatus!: TicketStatus | null;

  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId!: number | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 16, nullable: true })
  actorRole!: Role | 'system' | null;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  /** JSON text; stored as text so MySQL 8 and MariaDB read it back the same way. */
  @Column({ type: 'text' })
  data!: string;
}
