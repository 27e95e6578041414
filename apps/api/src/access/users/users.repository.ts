import { Injectable } from '@nestjs/common';
import { DataSource, In, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

/** The statements that read the id of a service account (created by migrations), one per account. */
const ACCOUNT_ID = {
  system: "SELECT id FROM users WHERE username = 'system'",
  open311: "SELECT id FROM users WHERE username = 'open311'",
} as const;

export type ServiceAccount = keyof typeof ACCOUNT_ID;

/** The changes an admin makes to an account (UsersService.update). */
export type UserChanges = Pick<UserEntity, 'displayName' | 'role' | 'departmentId' | 'active' | 'extension' | 'updatedAt'>;

/**
 * Every query on `users`: the accounts admins manage (through TypeORM), the service accounts, the agent on a phone
 * extension, and the session generation that ends every sign-in of an account when raised.
 */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: DataSource) {}

  private repo() {
    return this.db.getRepository(UserEntity);
  }

  all(): Promise<UserEntity[]> {
    return this.repo().find({ order: { id: 'ASC' } });
  }

  /** Users of these roles (id, username, name, role, active, expiry), by id. */
  withRoles(roles: readonly string[]): Promise<UserEntity[]> {
    return this.repo().find({ where: { role: In([...roles]) }, select: ['id', 'username', 'displayName', 'role', 'active', 'expiresAt'], order: { id: 'ASC' } });
  }

  byId(id: number): Promise<UserEntity | null> {
    return this.repo().findOne({ where: { id } });
  }

  byIdOrFail(id: number): Promise<UserEntity> {
    return this.repo().findOneOrFail({ where: { id } });
  }

  /** `username` is canonical; the column compares bytes, so one form matches one account. */
  byUsername(username: string): Promise<UserEntity | null> {
    return this.repo().findOne({ where: { username } });
  }

  /** Throws the duplicate-key error when the username is taken; sets `u.id`. */
  async insert(u: UserEntity): Promise<void> {
    await this.repo().insert(u);
  }

  /** A guarded UPDATE (id and version): false when the account changed meanwhile. */
  async update(id: number, version: number, changes: UserChanges): Promise<boolean> {
    const res = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return res.affected === 1;
  }

  async setPassword(u: UserEntity, passwordHash: string, now: Date): Promise<void> {
    await this.repo().update({ id: u.id }, { passwordHash, passwordChangedAt: now, updatedAt: now, version: u.version + 1 });
  }

  /** A service account's id, or null when its migration has not run. `m`: the caller's transaction, when in one. */
  async accountId(account: ServiceAccount, m?: EntityManager): Promise<number | null> {
    const [r]: Array<{ id: number }> = await (m ?? this.db).query(ACCOUNT_ID[account]);
    return r ? Number(r.id) : null;
  }

  /** The active agent on a phone extension, if any. */
  async agentOnExtension(extension: string): Promise<number | null> {
    const [agent] = await this.db.query("SELECT id FROM users WHERE extension = ? AND role = 'agent' AND active = 1", [extension]);
    return agent ? Number(agent.id) : null;
  }

  async sessionGeneration(userId: number): Promise<number> {
    const [row]: Array<{ g: number }> = await this.db.query('SELECT session_generation AS g FROM users WHERE id = ?', [userId]);
    return Number(row?.g ?? 0);
  }

  async raiseSessionGeneration(userId: number): Promise<void> {
    await this.db.query('UPDATE users SET session_generation = session_generation + 1 WHERE id = ?', [userId]);
  }

  /**
   * The account's session generation (null when there is no such account) and whether the sign-in `sessionId`
   * (a refresh-token family) was revoked, in one round trip.
   */
  async sessionState(userId: number, sessionId: string | null): Promise<{ generation: number | null; revoked: boolean }> {
    const [row]: Array<{ g: number | null; revoked: number }> = await this.db.query(
      `SELECT (SELECT session_generation FROM users WHERE id = ?) AS g,
              EXISTS (SELECT 1 FROM refresh_tokens WHERE family = ? AND revoked_at IS NOT NULL) AS revoked`,
      [userId, sessionId ?? ''],
    );
    if (row?.g === null || row?.g === undefined) return { generation: null, revoked: false };
    return { generation: Number(row.g), revoked: Boolean(Number(row.revoked)) };
  }
}
