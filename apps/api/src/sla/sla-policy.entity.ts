import type { Urgency } from '@hotline/contracts';
import { DECIMAL } from '../platform/database/decimal.transformer';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('sla_policies')
export class SlaPolicyEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  urgency!: Urgency;

  @Column({ name: 'resolution_hours', type: 'decimal', precision: 9, scale: 4, transformer: DECIMAL })
  resolutionHours!: number;

  @Column({ name: 'warning_ratio', type: 'decimal', precision: 5, scale: 4, transformer: DECIMAL })
  warningRatio!: number;

  @Column({ name: 'accept_limit_hours', type: 'decimal', precision: 9, scale: 4, transformer: DECIMAL })
  acceptLimitHours!: number;

  /** How often a ticket's tracker must log a follow-up (跟踪督办), in (SLA) minutes. */
  @Column({ name: 'follow_up_minutes', type: 'decimal', precision: 9, scale: 4, transformer: DECIMAL })
  followUpMinutes!: number;

  /** The deadline a supervision order (督办单) gives the department when none is chosen, in (SLA) hours. */
  @Column({ name: 'supervision_hours', type: 'decimal', precision: 9, scale: 4, transformer: DECIMAL })
  supervisionHours!: number;

  @Column({ name: 'calendar_id', type: 'int', nullable: true })
  calendarId!: number | null;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;

  @Column({ name: 'updated_by', type: 'int', nullable: true })
  updatedBy!: number | null;
}
