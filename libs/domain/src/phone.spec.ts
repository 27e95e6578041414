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
});
