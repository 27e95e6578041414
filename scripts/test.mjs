// npm test: services up, then every jest suite (unit and integration against real MariaDB and Redis),
// ending with one line "N passed, N failed" that totals them all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureServices } from './services.mjs';
import { ROOT, log, settings } from './settings.mjs';

const env = {
  ...settings(),
  JWT_SECRET: 'test-only-secret-not-for-production-0123456789',
  LOG_LEVEL: 'silent',
  NODE_ENV: 'test',
};
try {
  await ensureServices(env);
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
const out = join(ROOT, 'test-results');
mkdirSync(out, { recursive: true });
const report = join(out, 'jest.json');
rmSync(report, { force: true });
// jest only transpiles; the type check is a suite of its own, counted in the closing line.
log('type-checking the API, libs and tests...');
const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json', '--noEmit'], { cwd: ROOT, stdio: 'inherit' });
const typesOk = tsc.status === 0;
log(typesOk ? 'types: ok' : 'types: FAILED');
// Some integration tests run the built API as separate processes (a second SLA worker, a killed worker).
log('building the API...');
const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'apps/api/tsconfig.app.json'], { cwd: ROOT, stdio: 'inherit' });
log('running the test suites...');
const args = [join(ROOT, 'node_modules/jest/bin/jest.js'), '--json', `--outputFile=${report}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped = r.numPendingTests + (r.numTodoTests ?? 0);
} else failed = 1;
if (typesOk) passed += 1;
else failed += 1;
const code = typesOk && build.status === 0 ? (run.status ?? 1) : 1;
if (build.status !== 0) failed += 1;
if (code !== 0 && failed === 0) failed = 1; // jest failed outside any test (a suite that did not load, a global setup)
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(code);
