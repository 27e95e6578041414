import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './platform/audit/audit.module';
import { AuthModule } from './access/auth/auth.module';
import { ConfigModule } from './platform/config/config.module';
import type { EnvDto } from './platform/config/env.dto';
import { dataSourceOptions, replicaUrls } from './platform/database/data-source';
import { DatabaseModule } from './platform/database/database.module';
import { DemoModule } from './demo/demo.module';
import { DepartmentsModule } from './casework/departments/departments.module';
import { EventsModule } from './platform/events/events.module';
import { ExtensionsModule } from './casework/extensions/extensions.module';
import { HealthModule } from './platform/health/health.module';
import { IncidentsModule } from './insight/incidents/incidents.module';
import { loggerParams } from './platform/http/logging';
import { RedisModule } from './platform/redis/redis.module';
import { MetricsModule } from './platform/metrics/metrics.module';
import { BulletinsModule } from './insight/bulletins/bulletins.module';
import { CtiModule } from './channels/cti/cti.module';
import { Open311Module } from './channels/open311/open311.module';
import { RankingsModule } from './insight/rankings/rankings.module';
import { ReportsModule } from './insight/reports/reports.module';
import { RealtimeModule } from './live/realtime/realtime.module';
import { TicketsModule } from './casework/tickets/tickets.module';
import { SupervisionModule } from './supervision/supervision.module';
import { UsersModule } from './access/users/users.module';
import { WarningsModule } from './insight/warnings/warnings.module';
import { WallboardModule } from './live/wallboard/wallboard.module';

@Module({})
export class AppModule {
  static forRoot(env: EnvDto): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        LoggerModule.forRoot(loggerParams(env.LOG_LEVEL, env.LOG_FORMAT)),
        TypeOrmModule.forRoot(dataSourceOptions(env.DATABASE_URL, 20, replicaUrls(env))),
        RedisModule,
        DatabaseModule,
        EventsModule,
        RealtimeModule.forRoot(env.SLA_ROLE !== 'worker'),
        AuditModule,
        AuthModule,
        DepartmentsModule,
        TicketsModule,
        SupervisionModule,
        UsersModule,
        ExtensionsModule,
        WallboardModule,
        ReportsModule,
        RankingsModule,
        WarningsModule,
        IncidentsModule,
        BulletinsModule,
        CtiModule,
        Open311Module,
        HealthModule,
        MetricsModule,
        DemoModule,
      ],
    };
  }
}
