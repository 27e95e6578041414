import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The service's own account (`system`, inactive, created by a migration): the actor of what the service does by itself. */
@Injectable()
export class SystemUser {
  private id: Promise<number> | null = null;

  constructor(private readonly db: DataSource) {}

  userId(): Promise<number> {
    this.id ??= this.db.query("SELECT id FROM users WHERE username = 'system'").then(([r]: Array<{ id: number }>) => {
      if (!r) throw new Error('the system account is missing (migration 1764500000000)');
      return Number(r.id);
    });
    this.id.catch(() => (this.id = null));
    return this.id;
  }
}
