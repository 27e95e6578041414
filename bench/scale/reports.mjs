// bench/scale's reports: 当日未解决 (today) and the weekly report (this week and three past weeks), each computed
// fresh (the weekly report is kept per `week` parameter, so each run asks with a day not asked before), their CSV and
// XLSX exports, and /health/live probed every 10 ms while a report is computed beside the same probe idle.
import { summary } from '../support.mjs';

const DAY = 86_400_000;
/** The Asia/Shanghai date `days` from today, YYYY-MM-DD. */
const shanghaiDay = (days = 0) => new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
/** Days since Monday in Shanghai (0 on a Monday). */
const weekday = () => (new Date(Date.now() + 8 * 3_600_000).getUTCDay() + 6) % 7;
const ms = (t0) => Number((performance.now() - t0).toFixed(0));

/** /health/live every 10 ms until `until` settles: p50, p99, max in ms. */
async function probe(url, until) {
  const out = [];
  let done = false;
  until.finally(() => (done = true)).catch(() => {});
  while (!done) {
    const t0 = performance.now();
    await fetch(`${url}/api/v1/health/live`).then((r) => r.arrayBuffer());
    out.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
  const s = summary(out);
  return { n: s.n, p50: Number(s.p50.toFixed(1)), p99: Number(s.p99.toFixed(1)), max: Number(s.max.toFixed(1)) };
}

/**
 * Times the reports at this size. `step` (0, 1, 2 for the sizes) picks which day of each past week names it, so that
 * no run is served from what an earlier size's run kept.
 */
export async function timeReports({ url, token, sql, step, say }) {
  const fetchReport = async (path) => {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.toString('utf8', 0, 300)}`);
    return { ms: ms(t0), bytes: body.length, body };
  };
  const bare = async (query, params) => {
    const t0 = performance.now();
    await sql.query(query, params);
    return ms(t0);
  };
  const out = {};
  const idle = await probe(url, new Promise((r) => setTimeout(r, 3000)));
  say(`  /health/live idle (baseline)              p50 ${idle.p50} ms, p99 ${idle.p99} ms, max ${idle.max} ms`);
  out['/health/live idle'] = idle;

  // 当日未解决: nothing is kept, every run is fresh
  const runs = [];
  let during;
  for (let i = 0; i < 3; i++) {
    const r = fetchReport('/reports/unresolved');
    if (i === 0) during = await probe(url, r);
    runs.push(await r);
  }
  const unresolved = JSON.parse(runs[0].body.toString('utf8'));
  const bareUnresolved = await bare("SELECT COUNT(*) FROM tickets WHERE status IN ('registered', 'dispatched', 'accepted', 'returned')");
  // the rows the report lists, read in one statement through mysql2 and nothing else done with them
  const bareRows = await bare(`SELECT id, no, created_at, urgency, category, department_id, status, sla_state, due_at, urge_count, content, address, caller_name,
    caller_phone, confidential, replied_at, closed_at FROM tickets WHERE status IN ('registered', 'dispatched', 'accepted', 'returned')`);
  out['unresolved report (today)'] = {
    httpMs: summary(runs.map((r) => r.ms)),
    items: unresolved.total,
    bytes: runs[0].bytes,
    liveDuring: during,
    bareMs: bareUnresolved,
    bareRowsMs: bareRows,
  };
  say(
    `  当日未解决 (today), ${unresolved.total} items, ${(runs[0].bytes / 1e6).toFixed(1)} MB   ${runs.map((r) => r.ms).join(', ')} ms | /health/live meanwhile p50 ${during.p50} ms, max ${during.max} ms | bare COUNT of the running ${bareUnresolved} ms, bare read of their rows ${bareRows} ms`,
  );
  for (const format of ['csv', 'xlsx']) {
    const r = await fetchReport(`/reports/unresolved?format=${format}`);
    out[`unresolved report (today), ${format}`] = { httpMs: r.ms, bytes: r.bytes };
    say(`  当日未解决 (today) as ${format.padEnd(4)}                 ${r.ms} ms, ${(r.bytes / 1e6).toFixed(1)} MB`);
  }

  // weekly: this week (asked by today's date), then three past weeks, each by a day not asked before
  const thisWeek = fetchReport(`/reports/weekly?week=${shanghaiDay()}`);
  const duringWeekly = await probe(url, thisWeek);
  const current = await thisWeek;
  const received = JSON.parse(current.body.toString('utf8')).totals.received;
  out['weekly report (this week)'] = { httpMs: current.ms, received, liveDuring: duringWeekly };
  say(`  weekly report, this week (${received} received)   ${current.ms} ms | /health/live meanwhile p50 ${duringWeekly.p50} ms, max ${duringWeekly.max} ms`);
  const past = [];
  for (let w = 1; w <= 3; w++) {
    const monday = -weekday() - 7 * w;
    const r = await fetchReport(`/reports/weekly?week=${shanghaiDay(monday + step)}`);
    const report = JSON.parse(r.body.toString('utf8'));
    const bareMs = await bare('SELECT COUNT(*) FROM tickets WHERE created_at >= ? AND created_at < ?', [new Date(report.from), new Date(report.to)]);
    const bareRowsMs =
      w === 1 ? await bare('SELECT department_id, content FROM tickets WHERE created_at >= ? AND created_at < ?', [new Date(report.from), new Date(report.to)]) : undefined;
    past.push({ ms: r.ms, received: report.totals.received, bareMs, bareRowsMs });
    say(
      `  weekly report, ${w} week(s) back (${report.totals.received} received)   ${r.ms} ms | bare COUNT of the week's tickets ${bareMs} ms${bareRowsMs === undefined ? '' : `, bare read of their texts ${bareRowsMs} ms`}`,
    );
  }
  out['weekly report (past weeks)'] = { httpMs: summary(past.map((p) => p.ms)), runs: past };
  for (const format of ['csv', 'xlsx']) {
    const r = await fetchReport(`/reports/weekly?week=${shanghaiDay(-weekday() - 7 + step)}&format=${format}`);
    out[`weekly report, ${format}`] = { httpMs: r.ms, bytes: r.bytes };
  }
  return out;
}
