// npm run cti:simulate -- [--url http://localhost:3000] [--calls 5] [--extension 8001] [--fast]
// Plays a realistic stream of signed telephony events (ringing, answered, hangup) against a running service, as a
// FreeSWITCH or Asterisk HTTP hook would: the agent on the extension sees each caller's history pop up.
// The secret is CTI_SECRET from the environment or .env.
import { createHmac, randomUUID } from 'node:crypto';
import { settings } from './settings.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : fallback;
};
const env = settings();
const url = opt('url', process.env.CTI_URL || `http://localhost:${env.PORT || 3000}`);
const calls = Number(opt('calls', 5));
const extension = opt('extension', '8001');
const fast = args.includes('--fast');
const callers = (opt('callers', '') || '').split(',').filter(Boolean);
const secret = env.CTI_SECRET;
const say = (m) => process.stdout.write(`[cti:simulate] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
if (!secret) {
  process.stderr.write('CTI_SECRET is not set (environment or .env): the service refuses unsigned call events\n');
  process.exit(1);
}

async function send(event, callId, caller) {
  const body = JSON.stringify({ event, callId, caller, extension, at: new Date().toISOString() });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  const res = await fetch(`${url}/api/v1/cti/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cti-timestamp': timestamp, 'x-cti-signature': signature },
    body,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${event} ${callId}: ${res.status} ${text}`);
  return JSON.parse(text);
}

const randomCaller = () => `13${Math.floor(100000000 + Math.random() * 899999999)}`;
say(`${calls} call(s) to extension ${extension} at ${url}${fast ? ' (fast)' : ''}`);
for (let i = 0; i < calls; i++) {
  const callId = `sim-${randomUUID()}`;
  const caller = callers[i % (callers.length || 1)] || randomCaller();
  const r = await send('ringing', callId, caller);
  say(`call ${i + 1}/${calls}: ${caller} ringing on ${extension}${r.agentId ? ` (agent ${r.agentId})` : ' (no agent on that extension)'}`);
  await sleep(fast ? 300 : 2000 + Math.random() * 3000);
  await send('answered', callId, caller);
  say(`call ${i + 1}/${calls}: answered`);
  await sleep(fast ? 500 : 5000 + Math.random() * 15000);
  await send('hangup', callId, caller);
  say(`call ${i + 1}/${calls}: hung up (${callId})`);
}
say('done');
