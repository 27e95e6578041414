import { Injectable } from '@nestjs/common';
import type { ClassificationDto, ClassifyRequest } from '@hotline/contracts';
import { classifyUrgency, describeHit, matchRules, scoreLabels } from '@hotline/domain';
import { DepartmentsService } from '../departments/departments.service';
import { segmenter } from '../text/segmenter';
import { RuleBook } from './rule-book.service';
import { RoutingModels, categoryFeature } from './routing-models.service';

/** Urgency by explainable rules; the top 3 departments by the routing model and department rules together. */
@Injectable()
export class Classifier {
  constructor(
    private readonly rules: RuleBook,
    private readonly models: RoutingModels,
    private readonly departments: DepartmentsService,
  ) {}

  async classify(req: ClassifyRequest): Promise<ClassificationDto> {
    const [{ urgency, department }, { model, info }] = await Promise.all([this.rules.rules(), this.models.model()]);
    const text = req.address ? `${req.content}\n${req.address}` : req.content;
    const hits = matchRules(text, department);
    const hitCount = new Map<string, number>();
    for (const h of hits) hitCount.set(h.rule.target, (hitCount.get(h.rule.target) ?? 0) + 1);
    const tokens = [...segmenter().routingFeatures(text), ...categoryFeature(req.category)];
    const idOf = new Map(this.departments.all().map((d) => [d.code, d.id]));
    const ranked = scoreLabels(model, tokens, hitCount).slice(0, 3);
    return {
      urgency: classifyUrgency(req.content, urgency),
      departments: ranked.map((r) => ({
        departmentId: idOf.get(r.label)!,
        code: r.label,
        score: Math.round(r.score * 1000) / 1000,
        reasons: [
          ...hits.filter((h) => h.rule.target === r.label).map((h) => `关键词规则：${describeHit(h)}`),
          ...(r.evidence.filter((w) => !w.startsWith('#')).length > 0 ? [`历史工单常见词：${r.evidence.filter((w) => !w.startsWith('#')).join('、')}`] : []),
        ],
      })),
      model: { version: info.version, trainedAt: info.trainedAt, documents: info.historyPositives + info.seedMessages },
    };
  }
}
