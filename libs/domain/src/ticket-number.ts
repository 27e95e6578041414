import { shanghaiDate } from './periods';

/** The calendar day in Asia/Shanghai, as YYYYMMDD. */
export function shanghaiDay(at: Date): string {
  return shanghaiDate(at).replace(/-/g, '');
}

/** A readable ticket number: the local day and that day's sequence, e.g. 20261121-000042. */
export function formatTicketNo(day: string, seq: number): string {
  if (!/^\d{8}$/.test(day) || !Number.isInteger(seq) || seq < 1) throw new RangeError(`bad ticket number parts: ${day} ${seq}`);
  return `${day}-${String(seq).padStart(6, '0')}`;
}
