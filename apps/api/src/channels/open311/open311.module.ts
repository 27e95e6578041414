import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { TicketsModule } from '../../casework/tickets/tickets.module';
import { UsersModule } from '../../access/users/users.module';
import { Open311Catalogue } from './open311-catalogue.service';
import { Open311KeysController } from './open311-keys.controller';
import { Open311Keys } from './open311-keys.service';
import { Open311KeysRepository } from './open311-keys.repository';
import { Open311Requests } from './open311-requests.service';
import { Open311RequestsRepository } from './open311-requests.repository';
import { Open311Service } from './open311.service';

@Module({
  imports: [DepartmentsModule, TicketsModule, UsersModule],
  controllers: [Open311KeysController],
  providers: [Open311KeysRepository, Open311Keys, Open311Catalogue, Open311RequestsRepository, Open311Requests, Open311Service],
  exports: [Open311Service],
})
export class Open311Module {}
