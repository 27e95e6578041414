// Makes sure MySQL/MariaDB and Redis answer where DATABASE_URL and REDIS_URL point.
// When nothing listens on a local port it starts the server itself, with its data under .data/:
// binaries present -> start them; absent and root with apt -> install them; Docker engine -> compose.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, log, settings } from './settings.mjs';

const DATA = join(ROOT, '.data');
const LOCAL = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function listening(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const s = connect({ host: host.replace(/^\[|\]$/g, ''), port });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitFor(host, port, what, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (await listening(host, port)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not come up on ${host}:${port} within ${seconds} s`);
}

const which = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout.trim() || null;
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const dockerEngine = () => which('docker') && spawnSync('docker', ['info'], { stdio: 'ignore' }).status === 0;

let aptUpdated = false;
function aptInstall(pkgs) {
  if (!isRoot() || !which('apt-get')) return false;
  log(`installing ${pkgs.join(' ')} with apt-get (this takes a minute)...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  aptUpdated = true;
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: 'inherit', env });
  return true;
}

function compose(service) {
  log(`starting ${service} with docker compose...`);
  execFileSync('docker', ['compose', '-f', join(ROOT, 'docker/compose.yml'), 'up', '-d', service], { stdio: 'inherit' });
}

function addressOf(url, defaultPort) {
  const u = new URL(url);
  return { host: u.hostname || '127.0.0.1', port: Number(u.port || defaultPort) };
}

async function ensureRedis(url) {
  const { host, port } = addressOf(url, 6379);
  if (await listening(host, port)) return log(`Redis answers on ${host}:${port}`);
  if (!LOCAL.has(host)) throw new Error(`Redis at ${host}:${port} (REDIS_URL) does not answer, and it is not on this machine to start`);
  let bin = which('redis-server');
  if (!bin && !dockerEngine() && aptInstall(['redis-server'])) bin = which('redis-server');
  if (bin) {
    const dir = join(DATA, `redis-${port}`);
    mkdirSync(dir, { recursive: true });
    log(`starting Redis on 127.0.0.1:${port} (data and log in ${dir})...`);
    // hz 100: BullMQ's delayed jobs fire within ~10 ms instead of ~100 ms (docs/benchmarks.md, limits.md).
    execFileSync(
      bin,
      ['--daemonize', 'yes', '--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--hz', '100', '--dir', dir, '--logfile', join(dir, 'redis.log')],
      { stdio: 'inherit' },
    );
  } else if (dockerEngine()) compose('redis');
  else throw new Error('Redis is not running and cannot be started here: install redis-server, or set REDIS_URL');
  await waitFor(host, port, 'Redis', 20);
  log(`Redis is up on ${host}:${port}`);
}

async function ensureMysql(url) {
  const { host, port } = addressOf(url, 3306);
  if (await listening(host, port)) return log(`MySQL/MariaDB answers on ${host}:${port}`);
  if (!LOCAL.has(host)) throw new Error(`MySQL at ${host}:${port} (DATABASE_URL) does not answer, and it is not on this machine to start`);
  let bin = which('mariadbd') || which('mysqld') || (existsSync('/usr/sbin/mariadbd') ? '/usr/sbin/mariadbd' : null);
  if (!bin && !dockerEngine() && aptInstall(['mariadb-server'])) bin = which('mariadbd') || '/usr/sbin/mariadbd';
  if (bin) {
    const dir = join(DATA, `mysql-${port}`);
    const datadir = join(dir, 'data');
    const asRoot = isRoot() ? ['--user=root'] : [];
    if (!existsSync(join(datadir, 'mysql'))) {
      const installer = which('mariadb-install-db') || which('mysql_install_db');
      if (!installer) throw new Error('cannot initialise a MariaDB data directory: mariadb-install-db is missing');
      log(`initialising a MariaDB data directory in ${datadir}...`);
      mkdirSync(datadir, { recursive: true });
      execFileSync(installer, ['--no-defaults', `--datadir=${datadir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...asRoot], { stdio: 'ignore' });
    }
    log(`starting MariaDB on 127.0.0.1:${port} (data in ${datadir})...`);
    const child = spawn(
      bin,
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(dir, 'mysqld.sock')}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${join(dir, 'error.log')}`,
        '--innodb-buffer-pool-size=256M',
        '--max-connections=500',
        ...asRoot,
      ],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    child.unref();
  } else if (dockerEngine()) compose('mysql');
  else throw new Error('MySQL/MariaDB is not running and cannot be started here: install mariadb-server, or set DATABASE_URL');
  await waitFor(host, port, 'MariaDB', 90);
  log(`MariaDB is up on ${host}:${port}`);
}

/** Where the console's browser tests find Chromium: Debian's package, installed when missing (never a downloaded browser). */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** A font with Chinese glyphs, so that the screenshots show the console's text rather than empty boxes. */
const hasChineseFont = () => which('fc-list') && spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).stdout.trim().length > 0;

export function ensureChromium() {
  const missing = [...(existsSync(CHROMIUM) ? [] : ['chromium']), ...(hasChineseFont() ? [] : ['fonts-noto-cjk'])];
  if (missing.length && !aptInstall(missing) && !existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  if (missing.length) log(`installed ${missing.join(' ')}`);
  return CHROMIUM;
}

export async function ensureServices(env = settings()) {
  await ensureRedis(env.REDIS_URL);
  await ensureMysql(env.DATABASE_URL);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  ensureServices().catch((e) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  });
}
