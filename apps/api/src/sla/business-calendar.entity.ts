import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('business_calendars')
export class BusinessCalendarEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64, unique: true })
  name!: string;

  /** A BusinessCalendar (libs/domain) as JSON. */
  @Column({ type: 'text' })
  definition!: string;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
