import type { Urgency } from '@hotline/contracts';
import { assessEmergency, describeSituation, type Situation, SITUATIONS } from './emergency';
import { describeHit, matchRules, type CompiledRule } from './rules';
import { scoreLabels, type RoutingModel } from './routing-model';

export const URGENCIES: readonly Urgency[] = ['extra_urgent', 'urgent', 'normal'];

/**
 * Where the learned urgency model decides. Chosen by `npm run eval:understanding` on the team's corpus (k-fold),
 * never on the held-out calls: at `EXTRA_URGENT_MODEL` the model alone makes a call 特急; from `RISK_MODEL` up it
 * asks the agent to confirm.
 */
export const EXTRA_URGENT_MODEL = 0.99;
export const RISK_MODEL = 0.2;
export const URGENT_MODEL = 0.5;
/** Tempers the urgency model's probabilities (naive Bayes over words and bigrams is overconfident): chosen on the corpus. */
export const URGENCY_TEMPERATURE = 1;

export interface UrgencyAssessment {
  value: Urgency;
  reasons: string[];
  /** The text carries a risk signal but the service is not sure: the agent confirms the urgency explicitly. */
  confirm: boolean;
  /** The learned model's probabilities, when there is a model. */
  probabilities: Partial<Record<Urgency, number>>;
}

export interface UrgencyInputs {
  /** The admins' keyword rules (urgency kind). */
  rules: readonly CompiledRule[];
  /** The learned urgency model (labels: urgencies) and the call's features for it. */
  model?: RoutingModel | null;
  features?: readonly string[];
  situations?: readonly Situation[];
  /** The model's thresholds (the evaluation tries others); default EXTRA_URGENT_MODEL, RISK_MODEL. */
  thresholds?: { extraUrgent: number; risk: number; temperature?: number };
}

const pct = (p: number) => `${Math.round(p * 100)}%`;

/**
 * Urgency from three voices: emergency concepts (who × what × how imminent), the admins' keyword rules, and a model
 * learned from the team's corpus and the centre's own history. Either an affirmed concept, a rule or a confident
 * model makes a call 特急, with its reasons; a risk that is only mentioned (hypothetical, past, settled) or a model
 * that is not sure asks the agent to confirm rather than registering 普通 silently.
 */
export function assessUrgency(text: string, inputs: UrgencyInputs): UrgencyAssessment {
  const emergency = assessEmergency(text, inputs.situations ?? SITUATIONS);
  const ruleHits = matchRules(text, inputs.rules, true);
  // a call that says the danger is over, or only asks how things work, names its emergency without having one
  const extraRuleHits = ruleHits.filter((h) => h.rule.target === 'extra_urgent');
  const extraRules = emergency.settledBy ? [] : extraRuleHits;
  const urgentRules = ruleHits.filter((h) => h.rule.target === 'urgent');
  const probabilities: Partial<Record<Urgency, number>> = {};
  let evidence: string[] = [];
  if (inputs.model && inputs.model.positives > 0 && inputs.features) {
    const scores = scoreLabels(inputs.model, inputs.features, new Map(), inputs.thresholds?.temperature ?? URGENCY_TEMPERATURE);
    for (const s of scores) probabilities[s.label as Urgency] = Math.round(s.score * 1000) / 1000;
    evidence = scores.find((s) => s.label === 'extra_urgent')?.evidence ?? [];
  }
  const pExtra = probabilities.extra_urgent ?? 0;
  const conceptReasons = emergency.affirmed.map((h) => `紧急情形：${describeSituation(h)}`);
  const ruleReasons = extraRules.map((h) => `特急规则：${describeHit(h)}`);
  if (conceptReasons.length + ruleReasons.length > 0) {
    return { value: 'extra_urgent', reasons: [...conceptReasons, ...ruleReasons], confirm: false, probabilities };
  }
  const modelSays = `相似来电多为特急（${pct(pExtra)}${evidence.length ? `；用词：${evidence.join('、')}` : ''}）`;
  const { extraUrgent, risk } = inputs.thresholds ?? { extraUrgent: EXTRA_URGENT_MODEL, risk: RISK_MODEL };
  if (pExtra >= extraUrgent) {
    return { value: 'extra_urgent', reasons: [`疑似特急，请确认：${modelSays}`], confirm: true, probabilities };
  }
  const reasons: string[] = [];
  let value: Urgency = 'normal';
  if (urgentRules.length > 0) {
    value = 'urgent';
    reasons.push(...urgentRules.map((h) => `紧急规则：${describeHit(h)}`));
  } else if ((probabilities.urgent ?? 0) >= URGENT_MODEL) {
    value = 'urgent';
    reasons.push(`相似来电多为紧急（${pct(probabilities.urgent!)}）`);
  }
  const risks = emergency.signals.map((h) => `${describeSituation(h)}${h.mood === 'hypothetical' ? '，为假设或担心' : h.mood === 'past' ? '，为过去的事' : ''}`);
  if (emergency.settledBy && risks.length + extraRuleHits.length > 0) {
    risks.push(...extraRuleHits.map((h) => describeHit(h)));
    risks.push(emergency.settledBy === '咨询' ? '来电为咨询，未述及正在发生的危险' : `来电称“${emergency.settledBy}”`);
  }
  const confirm = risks.length > 0 || pExtra >= risk;
  if (confirm) reasons.unshift(`疑似特急，请确认：${[...risks, ...(pExtra >= risk ? [modelSays] : [])].join('；')}`);
  if (reasons.length === 0) reasons.push('未发现危及人身安全的情形，也未命中紧急规则：按普通件处理');
  return { value, reasons, confirm, probabilities };
}
