/** What intake needs of an open incident (专项) to tag a new ticket with it. */
export interface IncidentMatchRule {
  id: number;
  keywords: readonly string[];
  slaHours: number | null;
  startedAt: Date;
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();

/**
 * The open incident a new ticket's words belong to: the first (earliest started) whose keyword appears in the text,
 * compared after NFKC folding and case-folding (全角 and half-width alike). Null when none does.
 */
export function matchIncident<T extends IncidentMatchRule>(text: string, incidents: readonly T[]): T | null {
  const hay = fold(text);
  const ordered = [...incidents].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id - b.id);
  return ordered.find((i) => i.keywords.some((k) => k.trim() !== '' && hay.includes(fold(k.trim())))) ?? null;
}

/**
 * The deadline of a new ticket of an incident with an SLA override: at most `slaHours` (SLA) hours after registration.
 * A ticket whose own deadline is sooner (特急 within 2 h) keeps it; the warning keeps its share of the window.
 */
export function incidentDeadline(
  createdAt: Date,
  own: { dueAt: Date; warnAt: Date },
  slaHours: number | null,
  secondsPerHour: number,
): { dueAt: Date; warnAt: Date; overridden: boolean } {
  if (slaHours === null) return { ...own, overridden: false };
  const due = createdAt.getTime() + slaHours * secondsPerHour * 1000;
  if (due >= own.dueAt.getTime()) return { ...own, overridden: false };
  const ownWindow = own.dueAt.getTime() - createdAt.getTime();
  const ratio = ownWindow > 0 ? (own.warnAt.getTime() - createdAt.getTime()) / ownWindow : 0.75;
  return { dueAt: new Date(due), warnAt: new Date(createdAt.getTime() + Math.round((due - createdAt.getTime()) * ratio)), overridden: true };
}
