import { httpLogOptions, loggerParams } from './logging';

describe('request log lines', () => {
  const http = httpLogOptions(loggerParams('info')) as any;
  it('mask phone numbers in the logged path and carry no headers or body', () => {
    const line = http.serializers.req({
      id: 'r1',
      method: 'GET',
      url: '/api/v1/tickets?q=13812345678',
      headers: { authorization: 'Bearer abc' },
      body: { callerPhone: '13812345678' },
    });
    expect(line).toEqual({ id: 'r1', method: 'GET', url: '/api/v1/tickets?q=138****5678' });
    expect(http.customSuccessMessage({ method: 'GET', url: '/x?q=02087654321' }, { statusCode: 200 })).toBe('GET /x?q=020****4321 200');
    expect(http.serializers.req({ id: 'r2', method: 'GET', url: '/admin/queues?access_token=eyJabc.def&x=1' }).url).toBe('/admin/queues?access_token=***&x=1');
  });
  it('mask phone numbers however the path spells them: separators, +86, percent-encoded', () => {
    for (const url of [
      '/api/v1/tickets?q=138-0000-1111',
      '/api/v1/tickets?q=%2B86%20138%200000%201111',
      '/api/v1/callers/%31%33%38%30%30%30%30%31%31%31%31/tickets',
      '/api/v1/tickets?q=138%2D0000%2D1111&page=2',
      '/api/v1/tickets?q=+86+138+0000+1111',
    ]) {
      const line = http.serializers.req({ id: 'r3', method: 'GET', url });
      expect(line.url).not.toMatch(/0000|%30%30%30%30/);
      expect(http.customSuccessMessage({ method: 'GET', url }, { statusCode: 200 })).not.toMatch(/0000|%30%30%30%30/);
    }
  });

  it('logs client errors as warnings and server errors as errors', () => {
    expect(http.customLogLevel({}, { statusCode: 200 })).toBe('info');
    expect(http.customLogLevel({}, { statusCode: 404 })).toBe('warn');
    expect(http.customLogLevel({}, { statusCode: 503 })).toBe('error');
  });
});
