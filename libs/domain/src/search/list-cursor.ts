/**
 * Keyset cursors for ticket lists. Lists are ordered newest registered first by id (ids are given at registration,
 * so id order is registration order, and unique: a stable order); a cursor is the last id a page showed, so the next
 * page is an index read `id < cursor` however deep, and a ticket registered meanwhile never shifts the walk.
 * A search walks the live tickets first and then the archive's (docs/api.md, "Archived tickets"): `c1.` cursors
 * stand in the live walk, `c2.` cursors in the archive's. Opaque to clients: `c1.<id in base 36>` or
 * `c2.<id in base 36>`; anything else is refused.
 */
const LIVE = 'c1.';
const ARCHIVE = 'c2.';

/** Where a page ends: the last id it showed, in the live walk or in the archive's. */
export interface CursorPosition {
  id: number;
  archive: boolean;
}

export function encodeCursor(lastId: number, archive = false): string {
  if (!Number.isSafeInteger(lastId) || lastId < 1) throw new RangeError(`bad cursor id ${lastId}`);
  return (archive ? ARCHIVE : LIVE) + lastId.toString(36);
}

/** The position a cursor stands for, or null when the text is not a cursor this service gave. */
export function decodeCursorPosition(cursor: string): CursorPosition | null {
  if (typeof cursor !== 'string') return null;
  const archive = cursor.startsWith(ARCHIVE);
  if (!archive && !cursor.startsWith(LIVE)) return null;
  const body = cursor.slice(LIVE.length);
  if (!/^[0-9a-z]{1,11}$/.test(body)) return null;
  const id = parseInt(body, 36);
  return Number.isSafeInteger(id) && id >= 1 && id <= 2 ** 53 - 1 && id.toString(36) === body ? { id, archive } : null;
}

/** The id of a live-walk cursor, or null when the text is not one. */
export function decodeCursor(cursor: string): number | null {
  const at = decodeCursorPosition(cursor);
  return at && !at.archive ? at.id : null;
}

/** Lists count at most this many matches; beyond it the total reads "10,000+" (`totalCapped`). */
export const TOTAL_CAP = 10_000;

/**
 * The total to answer from a count that stopped at TOTAL_CAP + 1, or earlier (`lowerBound`: a search with filters
 * stops after TOTAL_CAP + 1 candidates, so what it counted is "at least"): `totalCapped` says the total is a floor.
 */
export function cappedTotal(counted: number, lowerBound = false): { total: number; totalCapped: boolean } {
  return counted > TOTAL_CAP ? { total: TOTAL_CAP, totalCapped: true } : { total: counted, totalCapped: lowerBound };
}

const TICKET_NO = /^\s*(\d{8})-?(\d{6})\s*$/;

/** A whole ticket number (20261121-000042, or without the dash) is read from its unique index. */
export function ticketNumberOf(text: string): string | null {
  const m = TICKET_NO.exec(text.normalize('NFKC'));
  return m ? `${m[1]}-${m[2]}` : null;
}
