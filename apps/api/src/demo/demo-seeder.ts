import { isDuplicateKey } from '../platform/database/errors';
import { Injectable, Logger } from '@nestjs/common';
import { DEPARTMENTS } from '@hotline/contracts';
import { DataSource, In, Not } from 'typeorm';
import type { AuthUser } from '../access/auth/auth-user';
import { hashPassword } from '../access/auth/password';
import { EnvDto } from '../platform/config/env.dto';
import { TicketActionsService } from '../casework/tickets/ticket-actions.service';
import { TicketRegistration } from '../casework/tickets/ticket-registration.service';
import { UserEntity } from '../access/users/user.entity';
import { DEMO_TICKETS } from './demo-tickets';

/** With SEED_DEMO=true an empty database gets the contract's demo users and a few tickets in every stage of their life. */
/** Accounts the migrations create for the service itself; nobody signs in with them. */
export const SYSTEM_USERNAMES = ['open311', 'system'];

/** The demo agent answers calls on this extension (npm run cti:simulate rings it). */
export const DEMO_AGENT_EXTENSION = '8001';

/** The demo departments' handlers, as people (the case file names who signed for a ticket, not 某局承办人). */
const HANDLER_NAMES = ['刘建国', '陈晓燕', '赵志刚', '孙丽娟', '周海涛', '吴玉兰', '郑国强', '王秀英', '冯立新', '何春梅', '马骏', '黄丽华', '林志明'];

@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly db: DataSource,
    private readonly env: EnvDto,
    private readonly registration: TicketRegistration,
    private readonly actions: TicketActionsService,
  ) {}

  /** Returns whether anything was seeded. Safe to call from several instances at once: only one wins the users' unique key. */
  async run(): Promise<boolean> {
    // the migrations' own accounts (the Open311 intake) do not count: no person has been created yet
    if ((await this.db.getRepository(UserEntity).count({ where: { username: Not(In(SYSTEM_USERNAMES)) } })) > 0) return false;
    const now = new Date();
    const people: Array<Pick<UserEntity, 'username' | 'displayName' | 'role' | 'departmentId' | 'extension'>> = [
      { username: 'agent', displayName: '话务员小李', role: 'agent', departmentId: null, extension: DEMO_AGENT_EXTENSION },
      { username: 'supervisor', displayName: '班长王敏', role: 'supervisor', departmentId: null, extension: null },
      { username: 'admin', displayName: '系统管理员', role: 'admin', departmentId: null, extension: null },
      { username: 'leader', displayName: '分管领导陈刚', role: 'leader', departmentId: null, extension: null },
      ...DEPARTMENTS.map((d, i) => ({ username: `h-${d.code}`, displayName: HANDLER_NAMES[i], role: 'handler' as const, departmentId: i + 1, extension: null })),
    ];
    // Each user gets a hash of its own (its own salt), even with one shared demo password.
    const rows = await Promise.all(people.map(async (p) => ({ ...p, passwordHash: await hashPassword(this.env.DEMO_PASSWORD), active: true, createdAt: now })));
    try {
      await this.db.transaction((m) => m.createQueryBuilder().insert().into(UserEntity).values(rows).updateEntity(false).execute());
    } catch (e) {
      if (isDuplicateKey(e)) return false; // another instance seeded first
      throw e;
    }
    const users = new Map((await this.db.getRepository(UserEntity).find()).map((u) => [u.username, u]));
    const as = (name: string): AuthUser => {
      const u = users.get(name)!;
      return { id: u.id, username: u.username, role: u.role, departmentId: u.departmentId };
    };
    for (const demo of DEMO_TICKETS) {
      const t = await this.registration.create(demo.ticket, as('agent'));
      for (const step of demo.steps) await this.actions.act(step.action, t.id, step.body ?? {}, as(step.by));
    }
    // the knowledge base starts with the team's starter articles (a migration), the same for every centre
    this.logger.log(`seeded ${rows.length} demo users and ${DEMO_TICKETS.length} demo tickets`);
    return true;
  }
}
