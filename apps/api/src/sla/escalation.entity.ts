import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** 督办: a breached deadline handed to the supervisors. One per ticket, deadline and kind (unique key). */
@Entity('escalations')
export class EscalationEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'ticket_id', type: 'int' })
  ticketId!: number;

  @Column({ name: 'deadline_version', type: 'int' })
  deadlineVersion!: number;

  @Column({ type: 'varchar', length: 24 })
  kind!: 'breach';

  @Column({ name: 'assignee_role', type: 'varchar', length: 16 })
  assigneeRole!: 'supervisor';

  @Column({ type: 'varchar', length: 16 })
  status!: 'open' | 'closed';

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
