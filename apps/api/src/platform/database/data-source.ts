import { DataSource, type DataSourceOptions } from 'typeorm';
import { withNamedLock } from './named-lock';
import { DepartmentEntity } from '../../casework/departments/department.entity';
import { TicketEventEntity } from '../../casework/tickets/ticket-event.entity';
import { TicketEntity } from '../../casework/tickets/ticket.entity';
import { ArchivedTicketEntity } from '../../casework/archive/archived-ticket.entity';
import { ArchivedTicketEventEntity } from '../../casework/archive/archived-ticket-event.entity';
import { UserEntity } from '../../access/users/user.entity';
import { InitialSchema1763700000000 } from './migrations/1763700000000-initial-schema';
import { SlaEngine1763800000000 } from './migrations/1763800000000-sla-engine';
import { Wallboard1763900000000 } from './migrations/1763900000000-wallboard';
import { Cti1764000000000 } from './migrations/1764000000000-cti';
import { Open3111764100000000 } from './migrations/1764100000000-open311';
import { Understanding1764200000000 } from './migrations/1764200000000-understanding';
import { Hardening1764300000000 } from './migrations/1764300000000-hardening';
import { CanonicalUsernames1764400000000 } from './migrations/1764400000000-canonical-usernames';
import { SessionGeneration1764400000100 } from './migrations/1764400000100-session-generation';
import { OnePendingExtension1764400000200 } from './migrations/1764400000200-one-pending-extension';
import { Open311Media1764450000000 } from './migrations/1764450000000-open311-media';
import { StarterKnowledge1764500000000 } from './migrations/1764500000000-starter-knowledge';
import { RankingsWarnings1764700000000 } from './migrations/1764700000000-rankings-warnings';
import { Incidents1764700000100 } from './migrations/1764700000100-incidents';
import { Bulletins1764700000200 } from './migrations/1764700000200-bulletins';
import { InsightIndexes1764700000300 } from './migrations/1764700000300-insight-indexes';
import { SearchAndLists1764800000000 } from './migrations/1764800000000-search-and-lists';
import { TicketTerms1765000000000 } from './migrations/1765000000000-ticket-terms';
import { Supervision1765000000100 } from './migrations/1765000000100-supervision';
import { KpiAggregateIndexes1765100000000 } from './migrations/1765100000000-kpi-aggregate-indexes';
import { ReportIndexes1765200000000 } from './migrations/1765200000000-report-indexes';
import { CallbackHolders1765300000000 } from './migrations/1765300000000-callback-holders';
import { TicketArchive1765400000000 } from './migrations/1765400000000-ticket-archive';
import { SearchOutbox1765500000000 } from './migrations/1765500000000-search-outbox';
import { BusinessCalendarEntity } from '../../sla/business-calendar.entity';
import { EscalationEntity } from '../../sla/escalation.entity';
import { TicketExtensionEntity } from '../../casework/extensions/ticket-extension.entity';
import { ArchivedTicketExtensionEntity } from '../../casework/extensions/archived-ticket-extension.entity';
import { SlaPolicyEntity } from '../../sla/sla-policy.entity';
import { ClassificationRuleEntity } from '../../understanding/classification/classification-rule.entity';
import { CatalogueMatterEntity } from '../../understanding/classification/catalogue-matter.entity';

export const ENTITIES = [
  DepartmentEntity,
  UserEntity,
  TicketEntity,
  TicketEventEntity,
  ArchivedTicketEntity,
  ArchivedTicketEventEntity,
  SlaPolicyEntity,
  BusinessCalendarEntity,
  EscalationEntity,
  TicketExtensionEntity,
  ArchivedTicketExtensionEntity,
  ClassificationRuleEntity,
  CatalogueMatterEntity,
];
export const MIGRATIONS = [
  InitialSchema1763700000000,
  SlaEngine1763800000000,
  Wallboard1763900000000,
  Cti1764000000000,
  Open3111764100000000,
  Understanding1764200000000,
  Hardening1764300000000,
  CanonicalUsernames1764400000000,
  SessionGeneration1764400000100,
  OnePendingExtension1764400000200,
  Open311Media1764450000000,
  StarterKnowledge1764500000000,
  RankingsWarnings1764700000000,
  Incidents1764700000100,
  Bulletins1764700000200,
  InsightIndexes1764700000300,
  SearchAndLists1764800000000,
  TicketTerms1765000000000,
  Supervision1765000000100,
  KpiAggregateIndexes1765100000000,
  ReportIndexes1765200000000,
  CallbackHolders1765300000000,
  TicketArchive1765400000000,
  SearchOutbox1765500000000,
];

/** Connection options for MySQL 8 / MariaDB 10.11. The schema comes from migrations only. */
export function dataSourceOptions(databaseUrl: string, poolSize = 20, replicaUrls: string[] = []): DataSourceOptions {
  // with replicas: every query goes to the primary unless a read asks for a replica (ReadReplica)
  const where = replicaUrls.length
    ? { replication: { master: { url: databaseUrl }, slaves: replicaUrls.map((url) => ({ url })), defaultMode: 'master' as const } }
    : { url: databaseUrl };
  return {
    type: 'mysql',
    ...where,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    timezone: 'Z',
    charset: 'utf8mb4_unicode_ci',
    supportBigNumbers: true,
    bigNumberStrings: false,
    dateStrings: false,
    poolSize,
    connectTimeout: 5000,
    extra: { connectionLimit: poolSize, waitForConnections: true, enableKeepAlive: true },
  };
}

/** Where a DATABASE_URL points, without its password, for error messages. */
export function describeDatabaseUrl(databaseUrl: string): string {
  try {
    const u = new URL(databaseUrl);
    return `${u.hostname}:${u.port || '3306'}${u.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

/**
 * Applies pending migrations while holding a MySQL named lock, so that several API instances
 * starting together migrate once.
 */
export async function migrate(ds: DataSource): Promise<string[]> {
  const ran = await withNamedLock(ds, 'hotline_migrations', 120, () => ds.runMigrations({ transaction: 'each' }));
  if (!ran) throw new Error('could not take the migration lock within 120 s');
  return ran.map((m) => m.name);
}

/** DATABASE_REPLICA_URLS as a list (comma-separated; empty: no replicas). */
export function replicaUrls(env: { DATABASE_REPLICA_URLS?: string }): string[] {
  return (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
}
