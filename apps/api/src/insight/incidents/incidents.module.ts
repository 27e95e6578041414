import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { IncidentExpiry } from './incident-expiry.service';
import { IncidentMatcher } from './incident-matcher.service';
import { IncidentsController } from './incidents.controller';
import { IncidentsRepository } from './incidents.repository';
import { IncidentsService } from './incidents.service';

@Module({
  imports: [DepartmentsModule],
  controllers: [IncidentsController],
  providers: [IncidentsRepository, IncidentMatcher, IncidentsService, IncidentExpiry],
  exports: [IncidentMatcher, IncidentsService],
})
export class IncidentsModule {}
