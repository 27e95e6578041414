import { isChinesePhone, maskPhone, maskPhonesInText, normalizePhone } from './phone';

describe('Chinese phone numbers', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['008619912345678', '19912345678'],
    ['010-62345678', '01062345678'],
    ['0755-2345678', '07552345678'],
    ['02087654321', '02087654321'],
    ['0571 8888 6666', '057188886666'],
    ['87654321', '87654321'],
  ])('accepts %s as %s', (raw, normal) => {
    expect(normalizePhone(raw)).toBe(normal);
  });

  it.each(['', '12345', '12812345678', '1381234567', '138123456789', 'abcdefghijk', '0000000', '010-0234567', "13812345678' OR 1=1", '+1 415 555 0100', '1'.repeat(40)])(
    'rejects %p',
    (raw) => {
      expect(isChinesePhone(raw)).toBe(false);
    },
  );

  it('masks the middle of a number and every long digit run in text', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhonesInText('/api/v1/tickets?q=13812345678&page=2')).toBe('/api/v1/tickets?q=138****5678&page=2');
    expect(maskPhonesInText('ticket 42 page 100')).toBe('ticket 42 page 100');
  });

  it.each([
    ['call 138-0000-1111 now', '138-0000-1111'],
    ['call 138 0000 1111 now', '138 0000 1111'],
    ['+86 138 0000 1111', '138 0000 1111'],
    ['+86-13800001111', '13800001111'],
    ['008613800001111', '13800001111'],
    ['电话：（0755）2345-6789', '2345-6789'],
    ['0755-23456789', '23456789'],
    ['q=138%2D0000%2D1111', '0000'],
    ['q=%2B86%20138%200000%201111', '0000'],
    ['q=%31%33%38%30%30%30%30%31%31%31%31', '%30%30%30%30'],
    ['q=138+0000+1111', '0000'],
    ['全角１３８００００１１１１', '００００'],
    ['138.0000.1111', '0000'],
    ['page 2 138 0000 1111', '0000'],
  ])('masks a phone number in any spelling: %j', (text, hidden) => {
    const masked = maskPhonesInText(text);
    expect(masked).not.toContain(hidden);
    expect(masked).toContain('*');
    expect(masked).toMatch(/1111|4321|6789|\*{4}/);
  });

  it.each(['2026-12-04', 'date=2026-12-04&week=2026-11-30', '/api/v1/tickets/123/events', 'ticket 20261204-000009', '2026-12-04T10:54:25.853Z', 'page=2&pageSize=100'])(
    'leaves dates, ids and ticket numbers alone: %j',
    (text) => {
      expect(maskPhonesInText(text)).toBe(text);
    },
  );
});
