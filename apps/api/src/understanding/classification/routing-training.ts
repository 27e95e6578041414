import { trainRoutingModel, type RoutingModel, type TrainingDoc } from '@hotline/domain';
import { segmenter } from '../text/segmenter';

/** A labelled text before segmentation: what the main thread reads from the database and hands to the training. */
export interface RawDoc {
  text: string;
  /** The ticket's category, a feature of its own (`#help`, `#report`, …). */
  category?: string | null;
  label: string;
  weight: number;
}

export interface TrainingInput {
  departments: RawDoc[];
  urgency: RawDoc[];
  departmentLabels: readonly string[];
  urgencyLabels: readonly string[];
}

export interface TrainingOutput {
  model: RoutingModel;
  urgency: RoutingModel;
}

/** A category word joins the features, so the model learns e.g. that reports go to the police more often. */
export const categoryFeature = (category: string | null | undefined): string[] => (category ? [`#${category}`] : []);

/**
 * Segments every text (once, however many models read it) and trains the department and the urgency models. All CPU:
 * run it in a worker thread (routing-training.thread.ts), never on the API's event loop.
 */
export function trainFromTexts(input: TrainingInput): TrainingOutput {
  const seg = segmenter();
  const cut = new Map<string, string[]>();
  const tokens = (d: RawDoc): string[] => {
    let words = cut.get(d.text);
    if (!words) cut.set(d.text, (words = seg.features(d.text)));
    return d.category ? [...words, ...categoryFeature(d.category)] : words;
  };
  const docs = (raw: RawDoc[]): TrainingDoc[] => raw.map((d) => ({ tokens: tokens(d), label: d.label, weight: d.weight }));
  const model = trainRoutingModel(docs(input.departments), input.departmentLabels);
  const urgency = trainRoutingModel(docs(input.urgency), input.urgencyLabels, { version: model.version, now: new Date(model.trainedAt) });
  return { model, urgency };
}
