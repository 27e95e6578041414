import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { TicketsDataModule } from '../../casework/tickets/tickets-data.module';
import { CatalogueController } from './catalogue.controller';
import { ClassificationController } from './classification.controller';
import { CatalogueMatters } from './catalogue-matters.repository';
import { ClassificationRules } from './classification-rules.repository';
import { DispatchCatalogue } from './dispatch-catalogue.service';
import { Classifier } from './classifier.service';
import { RoutingModels } from './routing-models.service';
import { RoutingTrainer } from './routing-trainer.service';
import { RuleBook } from './rule-book.service';

@Module({
  imports: [DepartmentsModule, TicketsDataModule],
  controllers: [ClassificationController, CatalogueController],
  providers: [ClassificationRules, CatalogueMatters, RuleBook, DispatchCatalogue, RoutingModels, RoutingTrainer, Classifier],
  exports: [Classifier, DispatchCatalogue],
})
export class ClassificationModule {}
