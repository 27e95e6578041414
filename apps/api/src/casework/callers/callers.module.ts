import { Module } from '@nestjs/common';
import { CallerHistoryRepository } from './caller-history.repository';
import { CallersController } from './callers.controller';
import { CallersService } from './callers.service';

/** A caller's history (来电历史): the screen-pop and `GET /callers/:phone/tickets`. */
@Module({ controllers: [CallersController], providers: [CallerHistoryRepository, CallersService], exports: [CallersService] })
export class CallersModule {}
