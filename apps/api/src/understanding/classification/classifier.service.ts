import { Injectable } from '@nestjs/common';
import type { ClassificationDto, ClassifyRequest } from '@hotline/contracts';
import { RULE_BOOST, assessUrgency, departmentBoosts, describeHit, describeMatter, matchCatalogue, matchRules, scoreLabels } from '@hotline/domain';
import { DepartmentsService } from '../../casework/departments/departments.service';
import { segmenter } from '../text/segmenter';
import { ClassificationCache } from './classification-cache';
import { DispatchCatalogue, type LoadedMatter } from './dispatch-catalogue.service';
import { RoutingModels, categoryFeature } from './routing-models.service';
import { RuleBook } from './rule-book.service';

/**
 * Understanding a call: urgency from emergency concepts, keyword rules and the learned urgency model (either one's
 * 特急 wins, a doubtful risk asks the agent to confirm); the top 3 departments from the routing model, the department
 * rules and the dispatch catalogue together, each with its reasons.
 */
@Injectable()
export class Classifier {
  private readonly cache = new ClassificationCache();

  constructor(
    private readonly rules: RuleBook,
    private readonly models: RoutingModels,
    private readonly catalogue: DispatchCatalogue,
    private readonly departments: DepartmentsService,
  ) {}

  /** The answer is shared with later calls for the same text (ClassificationCache): do not change it. */
  async classify(req: ClassifyRequest): Promise<ClassificationDto> {
    const loaded = await Promise.all([this.rules.rules(), this.models.model(), this.catalogue.matters()]);
    const known = this.cache.get(req, loaded);
    if (known) return known;
    const result = this.compute(req, loaded);
    this.cache.set(req, loaded, result);
    return result;
  }

  private compute(
    req: ClassifyRequest,
    [{ urgency: urgencyRules, department }, { model, urgency: urgencyModel, info }, matters]: [
      Awaited<ReturnType<RuleBook['rules']>>,
      Awaited<ReturnType<RoutingModels['model']>>,
      Awaited<ReturnType<DispatchCatalogue['matters']>>,
    ],
  ): ClassificationDto {
    const text = req.address ? `${req.content}\n${req.address}` : req.content;
    const features = segmenter().features(req.content);
    const hits = matchRules(text, department);
    const matterHits = matchCatalogue(req.content, matters);
    const boost = departmentBoosts(
      hits.map((h) => h.rule.target),
      matterHits,
      RULE_BOOST,
    );
    const idOf = new Map(this.departments.all().map((d) => [d.code, d.id]));
    const ranked = scoreLabels(model, [...features, ...categoryFeature(req.category)], boost).slice(0, 3);
    const urgency = assessUrgency(req.content, { rules: urgencyRules, model: urgencyModel, features });
    return {
      urgency: { value: urgency.value, reasons: urgency.reasons, confirm: urgency.confirm },
      departments: ranked.map((r) => {
        const words = r.evidence.filter((w) => !w.startsWith('#') && !w.startsWith('~'));
        return {
          departmentId: idOf.get(r.label)!,
          code: r.label,
          score: Math.round(r.score * 1000) / 1000,
          reasons: [
            ...matterHits.filter((h) => h.matter.department === r.label).map((h) => `派单目录：${describeMatter(h)}`),
            ...hits.filter((h) => h.rule.target === r.label).map((h) => `关键词规则：${describeHit(h)}`),
            ...(words.length > 0 ? [`相似来电常见词：${words.join('、')}`] : []),
          ],
        };
      }),
      matters: matterHits.map((h) => {
        const m = h.matter as LoadedMatter;
        return {
          id: m.id,
          code: m.code,
          name: m.name,
          departmentId: m.departmentId,
          urgency: m.urgency,
          matched: [...h.terms, ...(h.phrasing ? [h.phrasing] : [])],
          score: h.score,
        };
      }),
      model: { version: info.version, trainedAt: info.trainedAt, documents: info.historyPositives + info.seedMessages + info.corpusCalls },
    };
  }
}
