import { Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module';
import { DepartmentsModule } from '../departments/departments.module';
import { KbController } from './kb.controller';
import { KnowledgeBase } from './kb.service';

@Module({ imports: [DepartmentsModule, ClassificationModule], controllers: [KbController], providers: [KnowledgeBase], exports: [KnowledgeBase] })
export class KbModule {}
