import { loadEnv, trustedProxies } from './env.dto';

const env = (TRUSTED_PROXIES: string) => loadEnv({ JWT_SECRET: 'x'.repeat(20), TRUSTED_PROXIES });

describe('TRUSTED_PROXIES', () => {
  it('is none by default: forwarded headers are not believed', () => {
    expect(trustedProxies(loadEnv({ JWT_SECRET: 'x'.repeat(20) }))).toBe(false);
  });

  it.each([
    ['127.0.0.1', ['127.0.0.1']],
    ['127.0.0.1, 10.0.0.0/8', ['127.0.0.1', '10.0.0.0/8']],
    ['loopback,::1', ['loopback', '::1']],
    ['fd00::/8', ['fd00::/8']],
  ])('%j -> %j', (value, list) => {
    expect(trustedProxies(env(value))).toEqual(list);
  });

  it.each(['abc', '1.2.3.4;rm', 'example.org', '10.0.0.0/8,,'])('refuses %j naming the setting', (value) => {
    expect(() => env(value)).toThrow(/TRUSTED_PROXIES/);
  });
});
