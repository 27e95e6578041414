// No Docker engine runs on the development machines: the images and compose file are checked as files.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');

describe('docker/compose.yml', () => {
  const compose = parse(read('docker/compose.yml'), { merge: true });
  const services = compose.services;

  it('is the production topology: MySQL 8, Redis 7, two API instances, one SLA worker, the console, nginx in front', () => {
    expect(Object.keys(services).sort()).toEqual(['api-1', 'api-2', 'console', 'mysql', 'nginx', 'redis', 'worker']);
    expect(services.mysql.image).toMatch(/^mysql:8/);
    expect(services.redis.image).toMatch(/^redis:7/);
    expect(services['api-1'].environment.SLA_ROLE).toBe('api');
    expect(services['api-2'].environment.SLA_ROLE).toBe('api');
    expect(services.worker.environment.SLA_ROLE).toBe('worker');
    // one deployment seeds the demo at most once
    expect(services['api-2'].environment.SEED_DEMO).toBe('false');
  });

  it('gives every service a health check (its own or its image\u2019s), and starts each after what it needs is healthy', () => {
    for (const name of ['mysql', 'redis', 'worker', 'nginx']) expect([name, services[name].healthcheck?.test]).toEqual([name, expect.any(Array)]);
    expect(read('docker/api.Dockerfile')).toMatch(/HEALTHCHECK/);
    expect(read('docker/console.Dockerfile')).toMatch(/HEALTHCHECK/);
    for (const name of ['api-1', 'api-2', 'worker']) {
      expect(services[name].depends_on).toEqual({ mysql: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
      expect(services[name].stop_grace_period).toBe('15s');
    }
    expect(services.nginx.depends_on).toEqual({ 'api-1': { condition: 'service_healthy' }, 'api-2': { condition: 'service_healthy' }, console: { condition: 'service_healthy' } });
    expect(services.worker.healthcheck.test.join(' ')).toContain(`127.0.0.1:${services.worker.environment.METRICS_PORT}/health`);
  });

  it('points the instances at the compose services and demands a JWT secret', () => {
    for (const name of ['api-1', 'api-2', 'worker']) {
      const env = services[name].environment;
      expect(env.DATABASE_URL).toMatch(/@mysql:3306\/hotline$/);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
      expect(env.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(existsSync(join(ROOT, 'docker', services[name].build.context, services[name].build.dockerfile))).toBe(true);
    }
    expect(existsSync(join(ROOT, 'docker', services.console.build.context, services.console.build.dockerfile))).toBe(true);
  });

  it('publishes only nginx to the world, the databases on loopback only, and no API port directly', () => {
    expect(services.nginx.ports).toEqual(['8080:8080']);
    expect(services.mysql.ports).toEqual(['127.0.0.1:3306:3306']);
    expect(services.redis.ports).toEqual(['127.0.0.1:6379:6379']);
    for (const name of ['api-1', 'api-2', 'worker', 'console']) expect([name, services[name].ports]).toEqual([name, undefined]);
  });

  it('lets the API instances believe X-Forwarded-For from nginx alone, and nginx pass on only what it saw', () => {
    const nginxAddress = services.nginx.networks.default.ipv4_address;
    const subnet = compose.networks.default.ipam.config[0].subnet as string;
    expect(nginxAddress.split('.').slice(0, 3)).toEqual(subnet.split('.').slice(0, 3));
    for (const name of ['api-1', 'api-2']) expect([name, services[name].environment.TRUSTED_PROXIES]).toEqual([name, `\${TRUSTED_PROXIES:-${nginxAddress}}`]);
    expect(read('docker/nginx.conf')).toMatch(/proxy_set_header X-Forwarded-For \$remote_addr;/);
  });
});

describe('docker/nginx.conf', () => {
  const conf = read('docker/nginx.conf');
  const compose = parse(read('docker/compose.yml'), { merge: true });

  it('is mounted by compose and balances over both API instances with sticky sessions', () => {
    expect(compose.services.nginx.volumes).toEqual(['./nginx.conf:/etc/nginx/conf.d/default.conf:ro']);
    expect(conf).toMatch(/upstream hotline_api \{[^}]*hash \$remote_addr consistent;[^}]*server api-1:3000[^}]*server api-2:3000/);
  });

  it('passes websocket upgrades and sends live events and the API to the instances, the rest to the console', () => {
    expect(conf).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(conf).toMatch(/proxy_set_header Connection \$connection_upgrade;/);
    expect(conf).toMatch(/proxy_http_version 1\.1;/);
    expect(conf).toMatch(/location ~ \^\/\(api\|open311\|admin\|socket\\\.io\|metrics\)/);
    expect(conf).toMatch(/location \/ \{\s*proxy_pass http:\/\/hotline_console;/);
    expect(conf).toMatch(/listen 8080;/);
  });

  it('has balanced braces', () => {
    expect((conf.match(/\{/g) ?? []).length).toBe((conf.match(/\}/g) ?? []).length);
  });
});

describe('docker/console.Dockerfile', () => {
  const file = read('docker/console.Dockerfile');
  const lines = file.split('\n').filter((l) => l.trim() && !l.trim().startsWith('#'));

  it('is multi-stage, serves the built console from an unprivileged nginx, and checks its health', () => {
    expect(lines.filter((l) => l.startsWith('FROM ')).length).toBe(2);
    expect(lines).toContain('USER 101');
    expect(file).toMatch(/nginx-unprivileged/);
    expect(file).toMatch(/HEALTHCHECK/);
    const sources = lines
      .filter((l) => l.startsWith('COPY ') && !l.includes('--from='))
      .flatMap((l) =>
        l
          .replace(/^COPY\s+(--\S+\s+)*/, '')
          .split(/\s+/)
          .slice(0, -1),
      );
    for (const s of sources) expect(existsSync(join(ROOT, s))).toBe(true);
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
      .flatMap((l) =>
        l
          .replace(/^COPY\s+(--\S+\s+)*/, '')
          .split(/\s+/)
          .slice(0, -1),
      );
    expect(sources.length).toBeGreaterThan(3);
    for (const s of sources) expect(existsSync(join(ROOT, s))).toBe(true);
  });
});
