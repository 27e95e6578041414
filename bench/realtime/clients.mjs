// The consoles of the realtime benchmark: a separate process holding many socket.io connections (websocket
// transport), recording for every event heard its delay from the payload's `at` and its sequence number.
// Driven by the parent over IPC: { connect: { url, tokens } } -> 'connected'; 'start' / 'stop' -> { report }.
import { io } from 'socket.io-client';

const EVENTS = ['ticket.created', 'ticket.updated', 'sla.warning', 'sla.breached', 'sla.accept_overdue', 'bench'];
let sockets = [];
let recording = false;
const started = process.cpuUsage();

function attach(socket, state) {
  for (const name of EVENTS) {
    socket.on(name, (payload) => {
      if (!recording) return;
      state.latencies.push(Date.now() - Date.parse(payload.at));
      state.seqs.push(payload.seq);
    });
  }
  socket.on('wallboard.updated', () => recording && state.wallboards++);
}

async function connect(url, tokens) {
  sockets = await Promise.all(
    tokens.map(
      ({ token, dept, url: own }) =>
        new Promise((resolve, reject) => {
          const socket = io(own ?? url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
          const state = { dept, latencies: [], seqs: [], wallboards: 0 };
          attach(socket, state);
          socket.once('connect', () => resolve({ socket, state }));
          socket.once('connect_error', reject);
        }),
    ),
  );
}

function report() {
  const all = [];
  const clients = sockets.map(({ state }) => {
    for (const l of state.latencies) all.push(l);
    const seqs = state.seqs.filter((s) => s !== undefined).sort((a, b) => a - b);
    const distinct = new Set(seqs).size;
    return { dept: state.dept, received: state.latencies.length, distinct, min: seqs[0] ?? null, max: seqs[seqs.length - 1] ?? null, wallboards: state.wallboards };
  });
  all.sort((a, b) => a - b);
  const p = (q) => all[Math.min(all.length - 1, Math.floor((q / 100) * all.length))];
  const cpu = process.cpuUsage(started);
  return { deliveries: all.length, p50: p(50), p95: p(95), p99: p(99), max: all[all.length - 1], clients, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

process.on('message', async (m) => {
  if (m.connect) {
    try {
      await connect(m.connect.url, m.connect.tokens);
      process.send('connected');
    } catch (e) {
      process.send({ error: `connect failed: ${e.message}` });
    }
  } else if (m === 'start') {
    recording = true;
  } else if (m === 'stop') {
    recording = false;
    process.send({ report: report() });
    for (const { socket } of sockets) socket.close();
    setTimeout(() => process.exit(0), 100);
  }
});
