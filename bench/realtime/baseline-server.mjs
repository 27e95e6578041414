// The baseline of the realtime benchmark: a bare socket.io server (no NestJS, no Redis adapter, no auth) that emits
// `rate` messages per second to every connected client, timestamped like the API's events.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.argv[2]);
const http = createServer();
const server = new Server(http, { serveClient: false });
http.listen(port, '127.0.0.1', () => process.send('listening'));
const started = process.cpuUsage();

process.on('message', (m) => {
  if (!m.emit) return;
  const { rate, seconds } = m.emit;
  let seq = 0;
  const total = rate * seconds;
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  const tick = () => {
    const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * rate) + 1);
    while (seq < due) server.emit('bench', { seq: ++seq, at: new Date().toISOString() });
    if (seq < total) setTimeout(tick, 2);
    else {
      const cpu = process.cpuUsage(cpu0);
      process.send({ done: { sent: seq, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: (Date.now() - t0) / 1000 } });
    }
  };
  tick();
});
void started;
