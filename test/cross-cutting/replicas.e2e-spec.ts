// MySQL read replicas (DATABASE_REPLICA_URLS): reads that may be stale go to a replica, everything else to the
// primary. Here the "replica" is a second database on the same server that deliberately differs from the primary,
// so that where each read went shows in what it returns.
import { createConnection } from 'mysql2/promise';
import { prepareDatabase } from '../../apps/api/src/bootstrap';
import { loadEnv } from '../../apps/api/src/platform/config/env.dto';
import { startTestApp, workerTag, type TestApp } from '../support/test-app';

let t: TestApp;
const base = new URL(process.env.DATABASE_URL || 'mysql://root@127.0.0.1:3306/hotline');
const replicaDb = `hotline_test_${workerTag()}_replica`;
base.pathname = `/${replicaDb}`;
const replicaUrl = base.toString();

beforeAll(async () => {
  const admin = await createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username || 'root'),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`DROP DATABASE IF EXISTS \`${replicaDb}\``);
  await admin.end();
  await prepareDatabase(loadEnv({ ...process.env, JWT_SECRET: 'x'.repeat(32), DATABASE_URL: replicaUrl }));
  t = await startTestApp({ DATABASE_REPLICA_URLS: replicaUrl });
  // the replica has the primary's users, and one ticket the primary does not have
  const primary = new URL(t.env.DATABASE_URL).pathname.slice(1);
  await t.sql.query(`INSERT INTO \`${replicaDb}\`.users SELECT * FROM \`${primary}\`.users WHERE id NOT IN (SELECT id FROM \`${replicaDb}\`.users)`);
  await t.sql.query(`INSERT INTO \`${replicaDb}\`.tickets SELECT * FROM \`${primary}\`.tickets WHERE id = (SELECT MIN(id) FROM \`${primary}\`.tickets)`);
  await t.sql.query(`UPDATE \`${replicaDb}\`.tickets SET content = '只在副本里的工单', no = 'REPLICA-0001'`);
}, 60_000);
afterAll(async () => t?.close());

it('lists and the wallboard read from the replica; a ticket by id, writes and actions use the primary', async () => {
  const token = await t.token('supervisor');
  // the replica holds one ticket, the primary several: a list of one is the replica's
  const listed = await t.req('GET', '/api/v1/tickets', { token });
  expect(listed.body.total).toBe(1);
  expect(listed.body.items[0].no).toBe('REPLICA-0001');
  // the same id on the primary is the real ticket
  const one = await t.req('GET', `/api/v1/tickets/${listed.body.items[0].id}`, { token });
  expect(one.body.no).not.toBe('REPLICA-0001');
  // a new ticket is written to the primary and is not in the (unreplicated) replica's lists
  const created = await t.newTicket({ content: '写入主库的工单' });
  expect((await t.req('GET', `/api/v1/tickets/${created.id}`, { token })).status).toBe(200);
  expect((await t.req('GET', '/api/v1/tickets', { token })).body.total).toBe(1);
  // the wallboard counts the replica's one open ticket
  const board = await t.req('GET', '/api/v1/wallboard', { token });
  expect(board.body.totals.open).toBeLessThanOrEqual(1);
});

it('refuses a malformed replica setting by name', () => {
  expect(() => loadEnv({ ...process.env, JWT_SECRET: 'x'.repeat(32), DATABASE_REPLICA_URLS: 'postgres://nope' })).toThrow(/DATABASE_REPLICA_URLS/);
});
