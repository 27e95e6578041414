import type { RuleKind } from '@hotline/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('classification_rules')
export class ClassificationRuleEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: RuleKind;

  @Column({ type: 'varchar', length: 32 })
  target!: string;

  @Column({ type: 'varchar', length: 64 })
  label!: string;

  @Column({ type: 'varchar', length: 500 })
  pattern!: string;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
