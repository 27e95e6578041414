// 500 consoles for bench/cluster: connect through the proxy, count what they hear, report on SIGTERM / stdin end.
import { io } from 'socket.io-client';
const [url, token, n] = process.argv.slice(2);
let connected = 0;
let events = 0;
const sockets = Array.from({ length: Number(n) }, () => {
  const s = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnectionDelay: 200 });
  s.on('connect', () => connected++);
  s.on('disconnect', () => connected--);
  s.onAny(() => events++);
  return s;
});
const report = () => process.stdout.write(`${JSON.stringify({ connected, events })}\n`);
setInterval(report, 1000);
process.on('SIGTERM', () => {
  report();
  for (const s of sockets) s.close();
  process.exit(0);
});
