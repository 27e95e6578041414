/**
 * The emergency lexicons: for each idea a situation is made of (who is at risk, what threatens, how imminent), the
 * everyday words callers use for it. Written by the team for the product (no caller's words are copied here); the
 * situations that combine them and the matching are in emergency.ts.
 */

import { HAZARD_LEXICON } from './emergency-lexicon-hazards';
import { HEALTH_LEXICON } from './emergency-lexicon-health';
import { PEOPLE_LEXICON } from './emergency-lexicon-people';

/** Lexicons: the words a caller uses for one idea, grouped by the national taxonomy in three files. */
export const LEXICON = { ...PEOPLE_LEXICON, ...HEALTH_LEXICON, ...HAZARD_LEXICON } as const;

export type LexiconName = keyof typeof LEXICON;
