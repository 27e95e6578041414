import { Module } from '@nestjs/common';
import { ClassificationModule } from '../classification/classification.module';
import { DepartmentsModule } from '../../casework/departments/departments.module';
import { KbArticlesRepository } from './kb-articles.repository';
import { KbController } from './kb.controller';
import { KnowledgeBase } from './kb.service';

@Module({ imports: [DepartmentsModule, ClassificationModule], controllers: [KbController], providers: [KbArticlesRepository, KnowledgeBase], exports: [KnowledgeBase] })
export class KbModule {}
