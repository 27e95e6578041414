import type { Urgency } from '@hotline/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

const json = { to: (v: unknown) => JSON.stringify(v ?? []), from: (v: string | null) => (v ? JSON.parse(v) : []) };

@Entity('catalogue_matters')
export class CatalogueMatterEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  code!: string;

  @Column({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ name: 'department_id', type: 'int' })
  departmentId!: number;

  @Column({ type: 'varchar', length: 16, nullable: true })
  urgency!: Urgency | null;

  @Column({ type: 'text', transformer: json })
  terms!: string[];

  @Column({ type: 'text', transformer: json })
  phrasings!: string[];

  @Column({ type: 'text', transformer: json })
  confusable!: Array<{ name: string; departmentId: number; hint: string }>;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
