import type { IsoTime, TicketSummaryDto } from './dto';
import type { Category, Urgency } from './enums';

/** `POST /api/v1/classify` body (contract: "Classification"). */
export interface ClassifyRequest {
  content: string;
  category?: Category;
  address?: string;
}

export interface DepartmentSuggestion {
  departmentId: number;
  code: string;
  /** 0..1, the model's probability after keyword rules. */
  score: number;
  reasons: string[];
}

/** The contract's classification answer; `model` says which routing model gave the departments. */
export interface ClassificationDto {
  /** `confirm`: the text carries a risk signal but the service is not sure; the agent confirms the urgency explicitly. */
  urgency: { value: Urgency; reasons: string[]; confirm: boolean };
  departments: DepartmentSuggestion[];
  /** The dispatch catalogue's matters the call is about, best first (at most 3). */
  matters: CatalogueMatchDto[];
  model: { version: string; trainedAt: IsoTime; documents: number } | null;
}

/** A catalogue matter the call matched, with what matched. */
export interface CatalogueMatchDto {
  id: number;
  code: string;
  name: string;
  departmentId: number;
  urgency: Urgency | null;
  /** The matter's terms found in the call, and a typical phrasing it resembles. */
  matched: string[];
  score: number;
}

/** A matter (事项) of the dispatch catalogue (派单目录 / 职责清单), edited by admins. */
export interface CatalogueMatterDto {
  id: number;
  code: string;
  name: string;
  departmentId: number;
  /** The matter's default urgency, or null. */
  urgency: Urgency | null;
  terms: string[];
  phrasings: string[];
  /** Matters that look alike but belong elsewhere, with how to tell them apart. */
  confusable: Array<{ name: string; departmentId: number; hint: string }>;
  active: boolean;
  version: number;
  updatedAt: IsoTime;
}

export const RULE_KINDS = ['urgency', 'department'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** A keyword rule an admin edits: `pattern` is alternatives joined by |, groups (all needed) by +. */
export interface ClassificationRuleDto {
  id: number;
  kind: RuleKind;
  /** An urgency for urgency rules, a department code for department rules. */
  target: string;
  label: string;
  pattern: string;
  active: boolean;
  version: number;
  updatedAt: IsoTime;
}

export interface RoutingModelInfoDto {
  version: string;
  trainedAt: IsoTime;
  /** Routed tickets (replied, never returned by that department) and returns it learnt from, and starter messages. */
  historyPositives: number;
  historyNegatives: number;
  seedMessages: number;
  /** The team's phone-call corpus and catalogue matters it learnt from (libs/knowledge). */
  corpusCalls: number;
  catalogueMatters: number;
  /** Agents' corrections it learnt from: a department chosen other than suggested, an urgency reclassified. */
  corrections: number;
  vocabulary: number;
  trainingMs: number;
}

/** 知识库 article. */
export interface KbArticleDto {
  id: number;
  title: string;
  body: string;
  tags: string[];
  departmentId: number | null;
  /** Shanghai calendar days, inclusive; null: open-ended. */
  validFrom: string | null;
  validTo: string | null;
  useCount: number;
  createdAt: IsoTime;
  updatedAt: IsoTime;
  version: number;
}

export interface KbSearchHit {
  article: KbArticleDto;
  score: number;
  /** The query words found, and where. */
  matched: { title: string[]; body: string[]; tags: string[] };
}

export interface KbSearchResultDto {
  items: KbSearchHit[];
  total: number;
  tookMs: number;
}

/** A ticket that may be the same problem as a new one (重复件 candidate). */
export interface DuplicateCandidateDto extends TicketSummaryDto {
  content: string;
  address: string | null;
  /** Cosine similarity of the two texts' words, 0..1. */
  similarity: number;
  /** same_caller: the same phone within 30 days; same_address: the same address within 7 days. */
  reasons: Array<'same_caller' | 'same_address'>;
}

/** `POST /api/v1/tickets/duplicates/check` body: what the agent has typed so far. */
export interface DuplicateCheckRequest {
  callerPhone?: string;
  content: string;
  address?: string;
}

export const HOTSPOT_STATUSES = ['open', 'closed'] as const;
export type HotspotStatus = (typeof HOTSPOT_STATUSES)[number];

/** 热点: several tickets about the same problem in the same area within a short window. */
export interface HotspotDto {
  id: number;
  area: string;
  /** The problem's words the tickets share. */
  keywords: string[];
  status: HotspotStatus;
  ticketCount: number;
  firstAt: IsoTime;
  lastAt: IsoTime;
  detectedAt: IsoTime;
  closedAt: IsoTime | null;
  tickets: TicketSummaryDto[];
  version: number;
}

/** `hotspot.detected` (a new hotspot) and `hotspot.updated` (a ticket joined it, or it was closed), to the centre. */
export interface HotspotEventPayload {
  hotspot: HotspotDto;
  at: IsoTime;
}

/**
 * `ticket.understood`: what the service understood of a ticket after it was registered (repeat-call candidates, the
 * hotspot it raised or joined), to the agent who registered it only, usually within a few hundred milliseconds.
 * Registration answers at once; these used to come in its response (`possibleDuplicates`, `hotspotId`).
 */
export interface TicketUnderstoodPayload {
  ticketId: number;
  no: string;
  /** Open or recent tickets that look like the same problem (重复件 candidates), most alike first. */
  possibleDuplicates: DuplicateCandidateDto[];
  /** The hotspot this ticket raised or joined, or null. */
  hotspotId: number | null;
  /** That hotspot's area and size, for the agent's notice (null without one). */
  hotspot: { id: number; area: string; ticketCount: number; keywords: string[] } | null;
  at: IsoTime;
}
