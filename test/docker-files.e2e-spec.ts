// No Docker engine runs on the development machines: the images and compose file are checked as files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

describe('docker/compose.yml', () => {
  const compose = parse(read('docker/compose.yml'));

  it('has MySQL 8, Redis 7 and the API, each with a health check or a healthy dependency', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'mysql', 'redis']);
    expect(compose.services.mysql.image).toMatch(/^mysql:8/);
    expect(compose.services.redis.image).toMatch(/^redis:7/);
    expect(compose.services.mysql.healthcheck.test).toBeDefined();
    expect(compose.services.redis.healthcheck.test).toBeDefined();
    expect(compose.services.api.depends_on).toEqual({ mysql: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
  });

  it('points the API at the compose services and demands a JWT secret', () => {
    const env = compose.services.api.environment;
    expect(env.DATABASE_URL).toMatch(/@mysql:3306\/hotline$/);
    expect(env.REDIS_URL).toBe('redis://redis:6379');
    expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
    expect(compose.services.api.ports).toContain('3000:3000');
    expect(existsSync(join(ROOT, 'docker', compose.services.api.build.context, compose.services.api.build.dockerfile))).toBe(true);
  });

  it('publishes the databases on loopback only', () => {
    expect(compose.services.mysql.ports).toEqual(['127.0.0.1:3306:3306']);
    expect(compose.services.redis.ports).toEqual(['127.0.0.1:6379:6379']);
  });
});

describe('docker/api.Dockerfile', () => {
  const file = read('docker/api.Dockerfile');
  const lines = file.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));

  it('is multi-stage, runs as a non-root user, and checks its health', () => {
    expect(lines.filter((l) => l.startsWith('FROM ')).length).toBe(2);
    expect(lines).toContain('USER node');
    expect(file).toMatch(/HEALTHCHECK[\s\S]*\/api\/v1\/health/);
    expect(lines.at(-1)).toBe('CMD ["node", "apps/api/dist/main.js"]');
  });

  it('copies only files that exist in the repository', () => {
    const sources = lines
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) => l.replace(/^COPY\s+(--\S+\s+)*/, '').split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(3);
    for (const s of sources) expect(existsSync(join(ROOT, s))).toBe(true);
  });
});
