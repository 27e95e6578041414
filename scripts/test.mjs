// npm test: services up, then every suite — lint, type checks, the console's component tests (Vitest), and every jest
// suite (unit, integration against real MariaDB and Redis, the console end to end in Debian's Chromium) — ending
// with one line "N passed, N failed" that totals them all.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, ensureServices } from './services.mjs';
import { ROOT, log, settings } from './settings.mjs';

const env = {
  ...settings(),
  JWT_SECRET: 'test-only-secret-not-for-production-0123456789',
  LOG_LEVEL: 'silent',
  NODE_ENV: 'test',
};
try {
  await ensureServices(env);
  env.CHROMIUM_PATH = ensureChromium();
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
const out = join(ROOT, 'test-results');
mkdirSync(out, { recursive: true });
const node = (args, cwd = ROOT, extraEnv = {}) => spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...extraEnv }, stdio: 'inherit' });
const CONSOLE = join(ROOT, 'apps/agent-console');
let passed = 0;
let failed = 0;
let skipped = 0;
const suite = (ok, name) => {
  log(`${name}: ${ok ? 'ok' : 'FAILED'}`);
  if (ok) passed += 1;
  else failed += 1;
  return ok;
};

// Lint first: ESLint (typescript-eslint with types, import cycles, floating promises) over the whole tree, on one core
// while Prettier's check (HOTLINE_CHECK_FORMAT=0 leaves it out, e.g. while a branch is reformatted) and the type checks
// run on the other.
log('linting (eslint), with the format and type checks beside it...');
const eslint = new Promise((resolve) =>
  spawn(
    process.execPath,
    [join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--max-warnings', '0', 'apps', 'libs', 'test', 'bench', 'scripts', 'eslint.config.mjs', 'jest.config.js'],
    {
      cwd: ROOT,
      env: process.env,
      stdio: 'inherit',
    },
  ).on('close', (code) => resolve(code === 0)),
);
if (process.env.HOTLINE_CHECK_FORMAT !== '0') {
  log('checking the formatting (prettier)...');
  suite(node([join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--check', '--log-level', 'warn', '**/*.{ts,tsx,js,mjs,cjs}']).status === 0, 'format (prettier)');
}

// jest and Vitest only transpile; the type checks are suites of their own, counted in the closing line.
log('type-checking the API, libs and tests...');
const typesOk = suite(node([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json', '--noEmit']).status === 0, 'types (API, libs, tests)');
log('type-checking the console...');
suite(node([join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(CONSOLE, 'tsconfig.json')]).status === 0, 'types (console)');
suite(await eslint, 'lint (eslint)');

// Integration tests run the built API as separate processes, and the browser tests load the built console.
log('building the API and the console...');
const buildOk = suite(
  node([join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'apps/api/tsconfig.app.json']).status === 0 &&
    node([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], CONSOLE).status === 0,
  'build',
);

// the OpenAPI document a client generator reads: Redocly's recommended rules, errors and warnings both fail
log('linting the OpenAPI document (redocly)...');
suite(buildOk && node([join(ROOT, 'scripts/openapi-lint.mjs')], ROOT, env).status === 0, 'OpenAPI lint (redocly, recommended rules)');

log('running the console component tests (Vitest)...');
const vitestReport = join(out, 'vitest.json');
rmSync(vitestReport, { force: true });
const vitest = node([join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`], CONSOLE);
if (existsSync(vitestReport)) {
  const r = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numFailedTestSuites && !r.numFailedTests ? r.numFailedTestSuites : 0);
} else failed += 1;

// --forceExit: a browser or child process a failed suite left behind must not keep CI waiting past the results
log('running the jest suites...');
const report = join(out, 'jest.json');
rmSync(report, { force: true });
const args = process.argv.slice(2);
const run = spawnSync(
  process.execPath,
  // two jest workers: the suites mostly wait (on MariaDB, Redis, Chromium, timers), and each worker has its own database
  // and Redis prefix (test/support/test-app.ts); HOTLINE_TEST_WORKERS sets another number
  [
    join(ROOT, 'node_modules/jest/bin/jest.js'),
    '--json',
    `--outputFile=${report}`,
    '--forceExit',
    `--maxWorkers=${process.env.HOTLINE_TEST_WORKERS || 2}`,
    ...(args.length ? args : ['--selectProjects', 'unit', 'integration']),
  ],
  {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  },
);
const count = (file) => {
  if (!existsSync(file)) return void (failed += 1);
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
};
count(report);

// the fault tests: their own MariaDB and Redis, processes killed; one at a time, after everything else
let chaos = { status: 0 };
if (!args.length && process.env.HOTLINE_SKIP_CHAOS !== '1') {
  log('running the fault tests (test/chaos: an API instance, the SLA worker, Redis and MySQL killed under load)...');
  const chaosReport = join(out, 'jest-chaos.json');
  rmSync(chaosReport, { force: true });
  chaos = spawnSync(
    process.execPath,
    [join(ROOT, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${chaosReport}`, '--forceExit', '--runInBand', '--selectProjects', 'chaos'],
    { cwd: ROOT, env, stdio: 'inherit' },
  );
  count(chaosReport);
}
// jest or Vitest failing outside any test (a suite that did not load, a global setup) is a failure too
if ((run.status !== 0 || vitest.status !== 0 || chaos.status !== 0) && failed === 0) failed = 1;
const ok = typesOk && buildOk && failed === 0;
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(ok ? 0 : 1);
