import type { TicketEventDto } from '@hotline/contracts';
import { maskPhonesInText } from '@hotline/domain';

/** Keys of audit data that name another ticket: a line carrying one may quote that ticket. */
const TICKET_REFERENCES = ['duplicateId', 'duplicateOfId'] as const;

/** What a line about a confidential ticket may keep: which ticket, its number, statuses and times; never its words. */
const KEEPS = /(Id|No|Status|At)$/;

/** Audit data fields that hold who called: never shown to a department for a confidential ticket. */
const CALLER_FIELDS = new Set(['callerName', 'callerPhone', 'phone', 'caller']);

/** Every string of a line's data with phone numbers masked, caller fields dropped (at any depth). */
function maskedData(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return KEEPS.test(key) ? value : maskPhonesInText(value);
  if (Array.isArray(value)) return value.map((v) => maskedData(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !CALLER_FIELDS.has(k))
        .map(([k, v]) => [k, maskedData(v, k)]),
    );
  }
  return value;
}

/** The other tickets a trail's lines name, so that the viewer's service can ask which of them are confidential. */
export function referencedTickets(events: TicketEventDto[]): number[] {
  const ids = new Set<number>();
  for (const e of events) for (const k of TICKET_REFERENCES) if (typeof e.data?.[k] === 'number') ids.add(e.data[k]);
  return [...ids];
}

/**
 * A trail as a department may read it: a line that names a confidential ticket other than this one (a merged report)
 * keeps only that ticket's id, number, statuses and times, whatever was written into it — then, now, or by an older
 * version of the service — so no caller's name, phone or words reach the department through another ticket's trail.
 */
export function trailForDepartment(events: TicketEventDto[], confidentialOthers: ReadonlySet<number>, ownConfidential: boolean): TicketEventDto[] {
  return events.map((e) => {
    const quotes = TICKET_REFERENCES.some((k) => confidentialOthers.has(e.data?.[k] as number));
    // a confidential ticket's own trail: its department handles it, but reads no caller, and no number to call them on
    if (!quotes) return ownConfidential ? { ...e, data: maskedData(e.data) as Record<string, unknown> } : e;
    const data = Object.fromEntries(Object.entries(e.data).filter(([k, v]) => typeof v !== 'string' || KEEPS.test(k)));
    return { ...e, data: { ...data, confidential: true } };
  });
}
