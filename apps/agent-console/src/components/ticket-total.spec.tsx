import { describe, expect, it } from 'vitest';
import { totalText } from './TicketTable';

describe('list totals', () => {
  it('count in 件 with thousands separators', () => {
    expect(totalText(0, false)).toBe('共 0 件');
    expect(totalText(9876, false)).toBe('共 9,876 件');
  });
  it('say 10,000+ when the server stopped counting', () => {
    expect(totalText(10000, true)).toBe('共 10,000+ 件');
  });
});
