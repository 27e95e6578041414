/**
 * What moves with a ticket into the archive, and what keeps it in the live tables (docs/operations.md, "Archive").
 * Every table whose rows reference `tickets.id` by foreign key must move with it, or the live row cannot be deleted:
 * each has an archive twin of the same columns (`<table>_archive`, made with CREATE TABLE ... LIKE, so without the
 * foreign keys). `blocks`: a condition on the child row `c` that keeps its ticket live (work still open on it).
 */
export interface ArchivedChild {
  table: string;
  blocks?: string;
}

export const ARCHIVED_CHILDREN: readonly ArchivedChild[] = [
  // 督办单: an order still open or awaiting the centre's close is live work
  { table: 'supervisions', blocks: "c.status <> 'closed'" },
  { table: 'follow_ups' },
  { table: 'instructions' },
  { table: 'escalations' },
  // a pending extension request waits for a supervisor's decision
  { table: 'ticket_extensions', blocks: "c.status = 'pending'" },
  { table: 'hotspot_tickets' },
  // an SMS to the caller not yet handed to the gateway
  { table: 'caller_notices', blocks: 'c.sent_at IS NULL' },
  { table: 'calls' },
];

/** The ticket's own rows: the trail and the search terms (no foreign key on the terms, but the live search stays lean). */
export const ARCHIVED_OWN = ['ticket_events', 'ticket_terms'] as const;

export const archiveOf = (table: string): string => `${table}_archive`;

// Left where they are, keyed by ticket id without a foreign key: `ticket_words` (the words cut at understanding, read by
// the weekly report for the week's tickets only) and `idempotency_keys` (forgotten after 24 h); and `ticket_callbacks` (who
// holds each callback, issue 15), so that a past period's 满意率 still counts the callbacks of tickets archived since.
