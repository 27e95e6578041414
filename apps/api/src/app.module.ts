import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConfigModule } from './config/config.module';
import type { EnvDto } from './config/env.dto';
import { dataSourceOptions, replicaUrls } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DepartmentsModule } from './departments/departments.module';
import { EventsModule } from './events/events.module';
import { ExtensionsModule } from './extensions/extensions.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { loggerParams } from './http/logging';
import { RedisModule } from './redis/redis.module';
import { MetricsModule } from './metrics/metrics.module';
import { BulletinsModule } from './bulletins/bulletins.module';
import { CtiModule } from './cti/cti.module';
import { Open311Module } from './open311/open311.module';
import { RankingsModule } from './rankings/rankings.module';
import { ReportsModule } from './reports/reports.module';
import { RealtimeModule } from './realtime/realtime.module';
import { TicketsModule } from './tickets/tickets.module';
import { SupervisionModule } from './supervision/supervision.module';
import { UsersModule } from './users/users.module';
import { WarningsModule } from './warnings/warnings.module';
import { WallboardModule } from './wallboard/wallboard.module';

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
