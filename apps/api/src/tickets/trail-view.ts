import type { TicketEventDto } from '@hotline/contracts';

/** Keys of audit data that name another ticket: a line carrying one may quote that ticket. */
const TICKET_REFERENCES = ['duplicateId', 'duplicateOfId'] as const;

/** What a line about a confidential ticket may keep: which ticket, its number, statuses and times; never its words. */
const KEEPS = /(Id|No|Status|At)$/;

/** The other tickets a trail's lines name, so that the viewer's service can ask which of them are confidential. */
export function referencedTickets(events: TicketEventDto[]): number[] {
  const ids = new Set<number>();
  for (const e of events) for (const k of TICKET_REFERENCES) if (typeof e.data?.[k] === 'number') ids.add(e.data[k] as number);
  return [...ids];
}

/**
 * A trail as a department may read it: a line that names a confidential ticket other than this one (a merged report)
 * keeps only that ticket's id, number, statuses and times, whatever was written into it — then, now, or by an older
 * version of the service — so no caller's name, phone or words reach the department through another ticket's trail.
 */
export function trailForDepartment(events: TicketEventDto[], confidentialOthers: ReadonlySet<number>): TicketEventDto[] {
  return events.map((e) => {
    const quotes = TICKET_REFERENCES.some((k) => confidentialOthers.has(e.data?.[k] as number));
    if (!quotes) return e;
    const data = Object.fromEntries(Object.entries(e.data).filter(([k, v]) => typeof v !== 'string' || KEEPS.test(k)));
    return { ...e, data: { ...data, confidential: true } };
  });
}
