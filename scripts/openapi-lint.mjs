// The OpenAPI document a client generator reads (/api/docs-json), linted by Redocly with its recommended rules:
// starts the built API in this process on a database of its own, writes the document to test-results/openapi.json
// and fails on any error or warning. npm test runs it as a suite; alone: npm run build:api && node scripts/openapi-lint.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, log, settings } from './settings.mjs';

const require = createRequire(import.meta.url);
const env = settings();
const base = new URL(env.DATABASE_URL);
base.pathname = `/hotline_openapi${process.env.TEST_RUN_TAG ? `_${process.env.TEST_RUN_TAG}` : ''}`;
const out = join(ROOT, 'test-results');
mkdirSync(out, { recursive: true });
const file = join(out, 'openapi.json');

const { loadEnv } = require(join(ROOT, 'apps/api/dist/platform/config/env.dto.js'));
const { createApp } = require(join(ROOT, 'apps/api/dist/bootstrap.js'));
const app = await createApp(
  loadEnv({
    ...env,
    JWT_SECRET: env.JWT_SECRET || 'openapi-lint-only-secret-0123456789',
    LOG_LEVEL: 'silent',
    DATABASE_URL: base.toString(),
    QUEUE_PREFIX: '{hotline-openapi}',
    SLA_ROLE: 'api',
    SEED_DEMO: 'false',
  }),
);
let doc;
try {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address();
  doc = await (await fetch(`http://127.0.0.1:${port}/api/docs-json`)).json();
} finally {
  await app.close();
}
writeFileSync(file, JSON.stringify(doc, null, 2));
log(`OpenAPI: ${Object.keys(doc.paths).length} paths, ${Object.values(doc.paths).flatMap((p) => Object.keys(p)).length} operations -> ${file}`);
const lint = spawnSync(process.execPath, [join(ROOT, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', `--config=${join(ROOT, 'redocly.yaml')}`, '--format=stylish', file], {
  cwd: ROOT,
  encoding: 'utf8',
});
process.stdout.write(lint.stdout);
process.stderr.write(lint.stderr);
// Redocly fails on errors only; a warning is a defect of the document too
const warnings = /(\d+) warnings?/.exec(`${lint.stdout}${lint.stderr}`)?.[1];
const clean = lint.status === 0 && !(Number(warnings) > 0);
log(`OpenAPI lint (redocly, recommended rules): ${clean ? 'clean' : 'FAILED'}`);
process.exit(clean ? 0 : 1);
