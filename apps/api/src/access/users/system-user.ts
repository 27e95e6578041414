import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { UsersRepository } from './users.repository';

/** The service's own account (`system`, inactive, created by a migration): the actor of what the service does by itself. */
@Injectable()
export class SystemUser {
  private id: Promise<number> | null = null;

  constructor(private readonly users: UsersRepository) {}

  /** `m`: the caller's transaction, when in one: its own connection reads the id, never a second one from the pool. */
  userId(m?: EntityManager): Promise<number> {
    this.id ??= this.users.accountId('system', m).then((id) => {
      if (id === null) throw new Error('the system account is missing (migration 1764500000000)');
      return id;
    });
    this.id.catch(() => (this.id = null));
    return this.id;
  }
}
