import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { ClassificationController } from './classification.controller';
import { Classifier } from './classifier.service';
import { RoutingModels } from './routing-models.service';
import { RoutingTrainer } from './routing-trainer.service';
import { RuleBook } from './rule-book.service';

@Module({
  imports: [DepartmentsModule],
  controllers: [ClassificationController],
  providers: [RuleBook, RoutingModels, RoutingTrainer, Classifier],
  exports: [Classifier],
})
export class ClassificationModule {}
