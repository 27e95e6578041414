// The fault tests' own world: a private MariaDB and Redis (so that killing them cannot hurt anything else on the
// machine), and the production topology as processes — two API instances, one SLA worker, the proxy.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'apps/api/dist/main.js');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const which = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;

export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(500, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitListening(port: number, what: string, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (await listening(port)) return;
    await sleep(100);
  }
  throw new Error(`${what} did not listen on ${port} within ${seconds} s`);
}

async function waitClosed(port: number, seconds = 30): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    if (!(await listening(port))) return;
    await sleep(100);
  }
  throw new Error(`port ${port} still open after ${seconds} s`);
}

function stopped(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((r) => child.once('exit', () => r()));
}

/** A Redis of the tests' own: nothing on disk, so a restart loses everything (as the issue's fault asks). */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    const bin = which('redis-server') ?? '/usr/bin/redis-server';
    this.child = spawn(bin, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--hz', '100'], { stdio: 'ignore' });
    await waitListening(this.port, 'Redis');
  }
  async kill(): Promise<void> {
    const c = this.child;
    c?.kill('SIGKILL');
    await stopped(c);
    await waitClosed(this.port);
  }
}

/** A MariaDB of the tests' own, its data directory kept between runs under /tmp (initialising takes seconds). */
export class PrivateMariaDb {
  private child: ChildProcess | null = null;
  private readonly dir: string;
  constructor(readonly port: number) {
    this.dir = join('/tmp', `hotline-chaos-mariadb-${port}`);
  }
  url(database: string): string {
    return `mysql://root@127.0.0.1:${this.port}/${database}`;
  }
  async start(): Promise<void> {
    const bin = which('mariadbd') ?? (existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : null);
    if (!bin) throw new Error('mariadbd is not installed (Debian package mariadb-server)');
    const datadir = join(this.dir, 'data');
    const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
    if (!existsSync(join(datadir, 'mysql'))) {
      mkdirSync(datadir, { recursive: true });
      const installer = which('mariadb-install-db') ?? which('mysql_install_db');
      if (!installer) throw new Error('mariadb-install-db is missing');
      execFileSync(installer, ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot], { stdio: 'ignore' });
    }
    this.child = spawn(
      bin,
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${join(this.dir, 'mysqld.pid')}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        '--innodb-buffer-pool-size=128M',
        '--innodb-flush-log-at-trx-commit=2',
        '--skip-log-bin',
        '--max-connections=500',
        ...asRoot,
      ],
      { stdio: 'ignore' },
    );
    await waitListening(this.port, 'MariaDB', 90);
  }
  /** SIGKILL: the server is gone at once, as in a crash (InnoDB recovers committed work at the next start). */
  async kill(): Promise<void> {
    const c = this.child;
    c?.kill('SIGKILL');
    await stopped(c);
    await waitClosed(this.port);
  }
  async stop(): Promise<void> {
    const c = this.child;
    c?.kill('SIGTERM');
    await stopped(c);
  }
}

export interface Proc {
  name: string;
  child: ChildProcess;
  output: string[];
}

/** One process of the cluster, its output kept for the failure message. */
export function startProcess(name: string, script: string, env: Record<string, string>, args: string[] = []): Proc {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  for (const s of [child.stdout, child.stderr]) s.on('data', (b: Buffer) => output.push(...b.toString().split('\n').filter(Boolean).slice(-50)));
  return { name, child, output };
}

export async function waitHealthy(url: string, proc?: Proc, seconds = 90): Promise<void> {
  for (let i = 0; i < seconds * 5; i++) {
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) throw new Error(`${proc.name} exited: ${proc.output.slice(-10).join('\n')}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).status === 200) return;
    } catch {}
    await sleep(200);
  }
  throw new Error(`${url} not healthy within ${seconds} s${proc ? `: ${proc.output.slice(-10).join('\n')}` : ''}`);
}

export async function kill(p: Proc, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  p.child.kill(signal);
  await stopped(p.child);
}

export interface ClusterOptions {
  mysql: PrivateMariaDb;
  redis: PrivateRedis;
  database: string;
  basePort: number;
  env?: Record<string, string>;
}

/** Worker, two API instances and the proxy on loopback: the shape of `npm run cluster` and docker/compose.yml. */
export class Cluster {
  worker!: Proc;
  apis: Proc[] = [];
  proxy!: Proc;
  readonly env: Record<string, string>;

  constructor(private readonly o: ClusterOptions) {
    this.env = {
      DATABASE_URL: o.mysql.url(o.database),
      REDIS_URL: o.redis.url,
      JWT_SECRET: 'chaos-test-secret-0123456789abcdef',
      QUEUE_PREFIX: `{${o.database}}`,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      SEED_DEMO: 'true',
      DEMO_PASSWORD: 'demo12345',
      SLA_SWEEP_SECONDS: '1',
      LOGIN_RATE_PER_MINUTE: '100000',
      SHUTDOWN_DRAIN_MS: '200',
      ...o.env,
    };
  }

  get url(): string {
    return `http://127.0.0.1:${this.o.basePort}`;
  }
  apiUrl(i: number): string {
    return `http://127.0.0.1:${this.o.basePort + 1 + i}`;
  }

  async start(): Promise<void> {
    const first = this.startApi(0);
    await waitHealthy(this.apiUrl(0), first); // migrates and seeds
    await Promise.all([this.startWorker(), (async () => waitHealthy(this.apiUrl(1), this.startApi(1)))()]);
    this.proxy = startProcess('proxy', join(ROOT, 'scripts/proxy.mjs'), {}, [
      '--port',
      String(this.o.basePort),
      '--upstreams',
      `127.0.0.1:${this.o.basePort + 1},127.0.0.1:${this.o.basePort + 2}`,
    ]);
    await waitListening(this.o.basePort, 'the proxy', 10);
  }

  startApi(i: number): Proc {
    const p = startProcess(`api-${i + 1}`, MAIN, { ...this.env, SLA_ROLE: 'api', PORT: String(this.o.basePort + 1 + i), ...(i > 0 ? { SEED_DEMO: 'false' } : {}) });
    this.apis[i] = p;
    return p;
  }

  async startWorker(): Promise<Proc> {
    this.worker = startProcess('worker', MAIN, { ...this.env, SLA_ROLE: 'worker' });
    for (let i = 0; i < 300 && !this.worker.output.some((l) => /worker running/.test(l)); i++) {
      if (this.worker.child.exitCode !== null) throw new Error(`worker exited: ${this.worker.output.join('\n')}`);
      await sleep(100);
    }
    return this.worker;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, this.worker, this.proxy].filter(Boolean).map((p) => kill(p, 'SIGKILL')));
  }
}

export async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo12345' }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}
