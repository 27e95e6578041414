// npm run archive -- [--days N] [--batch N]: moves closed tickets older than N days into the archive tables now,
// printing each committed batch (docs/operations.md, "Archive"). The same mover the worker runs every night.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, log, settings } from './settings.mjs';

const require = createRequire(import.meta.url);
const env = settings();
const { values } = parseArgs({ options: { days: { type: 'string' }, batch: { type: 'string' } } });

function whole(name, text, fallback, min, max) {
  const n = Number(text ?? fallback);
  if (!Number.isInteger(n) || n < min || n > max) {
    process.stderr.write(`Invalid ${name}: ${text ?? fallback} (a whole number ${min}..${max})\n`);
    process.exit(2);
  }
  return n;
}
const days = whole('--days (ARCHIVE_AFTER_DAYS)', values.days ?? env.ARCHIVE_AFTER_DAYS, 400, 1, 100_000);
const batchSize = whole('--batch (ARCHIVE_BATCH_SIZE)', values.batch ?? env.ARCHIVE_BATCH_SIZE, 1000, 1, 10_000);

const { DataSource } = require('typeorm');
const dist = join(ROOT, 'apps/api/dist');
const { dataSourceOptions, describeDatabaseUrl } = require(join(dist, 'platform/database/data-source.js'));
const { TicketArchiver } = require(join(dist, 'casework/archive/ticket-archiver.service.js'));

const db = new DataSource(dataSourceOptions(env.DATABASE_URL, 2));
try {
  await db.initialize();
} catch (e) {
  process.stderr.write(`Cannot reach MySQL at ${describeDatabaseUrl(env.DATABASE_URL)} (DATABASE_URL): ${e.message}\n`);
  process.exit(1);
}
const started = Date.now();
log(`archiving tickets closed more than ${days} days ago, ${batchSize} per transaction (${describeDatabaseUrl(env.DATABASE_URL)})`);
try {
  const run = await new TicketArchiver(db, { SEARCH_ENGINE: env.SEARCH_ENGINE || 'table' }).run({
    olderThanDays: days,
    batchSize,
    onBatch: ({ batch, moved, total }) => log(`batch ${batch}: ${moved} moved, ${total} so far (${((Date.now() - started) / 1000).toFixed(1)} s)`),
  });
  if (!run.ran) log('another process is archiving now; nothing done');
  else log(`done: ${run.moved} tickets moved in ${run.batches} batches, ${run.kept} old closed tickets kept live (open work on them)`);
  process.exitCode = 0;
} catch (e) {
  // the batch in progress rolled back whole; the committed ones stay moved: run again to go on
  process.stderr.write(`archive stopped: ${e.message}\n`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
