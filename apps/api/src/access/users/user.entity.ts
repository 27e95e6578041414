import type { Role } from '@hotline/contracts';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Canonical (NFKC, trimmed, lower case) and compared byte for byte: one spelling, one account. */
  @Column({ type: 'varchar', length: 64, unique: true, collation: 'utf8mb4_bin' })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Column({ name: 'department_id', type: 'int', nullable: true })
  departmentId!: number | null;

  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  /** The phone extension an agent answers on (telephony screen-pop). */
  @Column({ type: 'varchar', length: 16, nullable: true })
  extension!: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3, nullable: true })
  updatedAt!: Date | null;

  @Column({ name: 'password_changed_at', type: 'datetime', precision: 3, nullable: true })
  passwordChangedAt!: Date | null;

  /** A temporary account's incident (专项): it expires with it. */
  @Column({ name: 'incident_id', type: 'int', nullable: true })
  incidentId!: number | null;

  /** After this the account cannot sign in (a temporary account). */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  version!: number;
}
