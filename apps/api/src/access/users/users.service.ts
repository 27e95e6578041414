import { isDuplicateKey } from '../../platform/database/errors';
import { BadRequestException, ConflictException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { AdminUserDto, StaffDto } from '@hotline/contracts';
import type { AuthUser } from '../auth/auth-user';
import { AuthEvents } from '../auth/auth-events.service';
import { LoginLimiter, accountKey } from '../auth/login-limiter.service';
import { hashPassword, verifyPassword } from '../auth/password';
import { passwordProblem } from '../auth/password-policy';
import { Sessions } from '../auth/sessions.service';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { SYSTEM_USERNAMES } from '../../demo/demo-seeder';
import { UserEntity } from './user.entity';
import type { CreateUserDto, UpdateUserDto } from './users.dto';
import { UsersRepository } from './users.repository';

const STAFF_ROLES: Array<StaffDto['role']> = ['agent', 'supervisor', 'leader'];
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toAdminUserDto(u: UserEntity): AdminUserDto {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    departmentId: u.departmentId,
    active: Boolean(u.active),
    extension: u.extension,
    createdAt: u.createdAt.toISOString(),
    updatedAt: iso(u.updatedAt),
    passwordChangedAt: iso(u.passwordChangedAt),
    version: u.version,
  };
}

/** Accounts, managed by admins: the password policy on every password set here, every change in the security log. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly departments: DepartmentsService,
    private readonly sessions: Sessions,
    private readonly limiter: LoginLimiter,
    private readonly events: AuthEvents,
  ) {}

  async list(): Promise<AdminUserDto[]> {
    const rows = await this.users.all();
    return rows.filter((u) => !SYSTEM_USERNAMES.includes(u.username)).map(toAdminUserDto);
  }

  /** The centre's agents, supervisors and leaders by name (no system account, no handler), by id. */
  async directory(now = new Date()): Promise<StaffDto[]> {
    const rows = await this.users.withRoles(STAFF_ROLES);
    return rows
      .filter((u) => !SYSTEM_USERNAMES.includes(u.username))
      .map((u) => ({ id: u.id, displayName: u.displayName, role: u.role as StaffDto['role'], active: Boolean(u.active) && (!u.expiresAt || u.expiresAt > now) }));
  }

  async get(id: number): Promise<UserEntity> {
    const u = await this.users.byId(id);
    if (!u || SYSTEM_USERNAMES.includes(u.username)) throw new NotFoundException(`user ${id} not found`);
    return u;
  }

  private checkDepartment(role: string, departmentId: number | null | undefined): void {
    if (role === 'handler') {
      if (departmentId == null) throw new BadRequestException('departmentId is required for a handler');
      if (!this.departments.exists(departmentId)) throw new BadRequestException(`departmentId ${departmentId} is not a department`);
    } else if (departmentId != null) {
      throw new BadRequestException(`departmentId is only for handlers, not for role ${role}`);
    }
  }

  async create(dto: CreateUserDto, admin: AuthUser): Promise<AdminUserDto> {
    this.checkDepartment(dto.role, dto.departmentId);
    const problem = passwordProblem(dto.password, dto.username);
    if (problem) throw new BadRequestException(problem);
    const now = new Date();
    const u = Object.assign(new UserEntity(), {
      username: dto.username,
      displayName: dto.displayName.trim(),
      role: dto.role,
      departmentId: dto.departmentId ?? null,
      extension: dto.extension ?? null,
      passwordHash: await hashPassword(dto.password),
      active: true,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: now,
      version: 1,
    });
    try {
      await this.users.insert(u);
    } catch (e) {
      if (isDuplicateKey(e)) {
        throw new ConflictException(`username ${dto.username} is taken`);
      }
      throw e;
    }
    await this.events.record('user_changed', { username: admin.username, userId: admin.id, detail: `created ${dto.username} (${dto.role})` });
    return toAdminUserDto(await this.get(u.id));
  }

  async update(id: number, dto: UpdateUserDto, admin: AuthUser): Promise<AdminUserDto> {
    const u = await this.get(id);
    if (dto.version !== undefined && dto.version !== u.version) throw new ConflictException(`version ${dto.version} is stale: user ${id} is at version ${u.version}`);
    const role = dto.role ?? u.role;
    const departmentId = dto.departmentId !== undefined ? dto.departmentId : role === 'handler' ? u.departmentId : null;
    this.checkDepartment(role, departmentId);
    if (id === admin.id && (dto.active === false || (dto.role && dto.role !== 'admin'))) {
      throw new BadRequestException('an admin cannot deactivate or demote their own account');
    }
    const updated = await this.users.update(id, u.version, {
      displayName: dto.displayName?.trim() ?? u.displayName,
      role,
      departmentId,
      active: dto.active ?? u.active,
      extension: dto.extension !== undefined ? dto.extension : u.extension,
      updatedAt: new Date(),
    });
    if (!updated) throw new ConflictException(`user ${id} changed while you edited it`);
    // a deactivated account or a changed role: its sign-ins end at once (tokens refused, sockets closed)
    if (dto.active === false || role !== u.role || departmentId !== u.departmentId) await this.sessions.endAllOf(id);
    await this.events.record('user_changed', {
      username: admin.username,
      userId: admin.id,
      detail: `updated ${u.username}: ${Object.keys(dto)
        .filter((k) => k !== 'version')
        .join(', ')}`,
    });
    return toAdminUserDto(await this.get(id));
  }

  async resetPassword(id: number, password: string, admin: AuthUser): Promise<void> {
    const u = await this.get(id);
    await this.setPassword(u, password);
    await this.limiter.unlock(accountKey(u, u.username));
    await this.events.record('password_changed', { username: admin.username, userId: admin.id, detail: `reset for ${u.username}` });
  }

  /** The current password is a guess like a sign-in's: failures count against the account and lock it the same way. */
  async changeOwnPassword(user: AuthUser, current: string, next: string, ip = 'unknown'): Promise<void> {
    const u = await this.users.byIdOrFail(user.id);
    const account = accountKey(u, u.username);
    await this.limiter.before(account, u.username, ip);
    if (!(await verifyPassword(current, u.passwordHash))) {
      const locked = await this.limiter.failed(account, ip);
      await this.events.record('password_failed', { username: u.username, userId: u.id, ip, detail: 'wrong current password' });
      if (locked) await this.events.record('login_locked', { username: u.username, userId: u.id, ip, detail: 'after wrong current passwords' });
      throw new UnauthorizedException('currentPassword is wrong');
    }
    await this.limiter.succeeded(account);
    await this.setPassword(u, next);
    await this.events.record('password_changed', { username: u.username, userId: u.id, detail: 'own password' });
  }

  private async setPassword(u: UserEntity, password: string): Promise<void> {
    const problem = passwordProblem(password, u.username);
    if (problem) throw new BadRequestException(problem);
    const now = new Date();
    await this.users.setPassword(u, await hashPassword(password), now);
    await this.sessions.endAllOf(u.id);
  }
}
