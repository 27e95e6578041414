import { Module } from '@nestjs/common';
import { WarningsChecker } from './warnings-checker.service';
import { WarningsController } from './warnings.controller';
import { WarningsRepository } from './warnings.repository';
import { WarningsService } from './warnings.service';

@Module({ controllers: [WarningsController], providers: [WarningsRepository, WarningsService, WarningsChecker], exports: [WarningsService] })
export class WarningsModule {}
