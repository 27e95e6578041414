import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The service's own account (`system`, inactive, created by a migration): the actor of what the service does by itself. */
@Injectable()
export class SystemUser {
  private id: Promise<number> | null = null;

  constructor(private readonly db: DataSource) {}

  /** `m`: the caller's transaction, when in one: its own connection reads the id, never a second one from the pool. */
  userId(m?: EntityManager): Promise<number> {
    this.id ??= (m ?? this.db).query("SELECT id FROM users WHERE username = 'system'").then(([r]: Array<{ id: number }>) => {
      if (!r) throw new Error('the system account is missing (migration 1764500000000)');
      return Number(r.id);
    });
    this.id.catch(() => (this.id = null));
    return this.id;
  }
}
