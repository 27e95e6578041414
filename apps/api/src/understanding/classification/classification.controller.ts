import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ClassificationDto, ClassificationRuleDto, RoutingModelInfoDto } from '@hotline/contracts';
import { Roles } from '../../access/auth/decorators';
import { IdPipe } from '../../platform/http/id.pipe';
import { Classifier } from './classifier.service';
import { ClassifyDto, CreateRuleDto, RuleListQuery, UpdateRuleDto } from './classification.dto';
import { RoutingModels } from './routing-models.service';
import { RuleBook } from './rule-book.service';

@ApiTags('classification')
@ApiBearerAuth()
@Controller()
export class ClassificationController {
  constructor(
    private readonly classifier: Classifier,
    private readonly rules: RuleBook,
    private readonly models: RoutingModels,
  ) {}

  @Post('classify')
  @HttpCode(200)
  @Roles('agent', 'supervisor')
  @ApiOperation({ summary: '分类建议: urgency by rules with the matched terms, the top 3 departments with scores and reasons' })
  classify(@Body() body: ClassifyDto): Promise<ClassificationDto> {
    return this.classifier.classify(body);
  }

  @Get('classification/rules')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'The keyword rules (urgency and department)' })
  listRules(@Query() q: RuleListQuery): Promise<ClassificationRuleDto[]> {
    return this.rules.list(q.kind);
  }

  @Post('classification/rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Add a keyword rule; every instance uses it within a second' })
  createRule(@Body() body: CreateRuleDto): Promise<ClassificationRuleDto> {
    return this.rules.create(body);
  }

  @Patch('classification/rules/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Edit or deactivate a rule; a stale version is 409' })
  updateRule(@Param('id', IdPipe) id: number, @Body() body: UpdateRuleDto): Promise<ClassificationRuleDto> {
    return this.rules.update(id, body);
  }

  @Delete('classification/rules/:id')
  @ApiOperation({ summary: 'Delete a keyword rule' })
  @HttpCode(204)
  @Roles('admin')
  async deleteRule(@Param('id', IdPipe) id: number): Promise<void> {
    await this.rules.remove(id);
  }

  @Get('classification/model')
  @Roles('supervisor', 'admin')
  @ApiOperation({ summary: 'The routing model in use: when trained, on what' })
  async model(): Promise<RoutingModelInfoDto> {
    return (await this.models.model()).info;
  }

  @Post('classification/model/retrain')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Retrain the routing model from the history now' })
  async retrain(): Promise<RoutingModelInfoDto> {
    return (await this.models.retrain()).info;
  }
}
