import { Global, Module } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { EnvDto } from '../../platform/config/env.dto';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AccessTokens } from './access-tokens.service';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AuthEvents } from './auth-events.service';
import { AuthEventsRepository } from './auth-events.repository';
import { LoginLimiter } from './login-limiter.service';
import { RefreshTokens } from './refresh-tokens.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { Sessions } from './sessions.service';

@Global()
@Module({
  imports: [
    UsersModule,
    // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it as a
    // public key on every verify, which cost more CPU than the rest of a request (docs/benchmarks.md).
    JwtModule.registerAsync({
      inject: [EnvDto],
      useFactory: (env: EnvDto) => ({ secret: createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8')) as unknown as Buffer }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    AccessTokens,
    AuthEvents,
    AuthEventsRepository,
    LoginLimiter,
    RefreshTokens,
    RefreshTokensRepository,
    Sessions,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AccessTokens, AuthEvents, LoginLimiter, RefreshTokens, Sessions],
})
export class AuthModule {}
