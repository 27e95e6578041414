// A small reverse proxy for `npm run cluster` and the fault tests, standing in for nginx on machines without it:
// sticky sessions by cookie (socket.io's polling fallback needs every request of a session on one instance),
// websocket upgrades passed through, and an instance that refuses connections skipped (its clients move to another).
// Usage: node scripts/proxy.mjs --port 3000 --upstreams 127.0.0.1:3101,127.0.0.1:3102
import http from 'node:http';
import net from 'node:net';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const PORT = Number(arg('port', process.env.PROXY_PORT ?? 3000));
const UPSTREAMS = arg('upstreams', process.env.PROXY_UPSTREAMS ?? '127.0.0.1:3101,127.0.0.1:3102')
  .split(',')
  .map((u, i) => {
    const [host, port] = u.trim().split(':');
    return { i, host, port: Number(port), downUntil: 0 };
  });
const COOKIE = 'hotline_node';
const BODY_LIMIT = 1 << 20;
let next = 0;

const log = (m) => process.stdout.write(`[proxy] ${new Date().toISOString()} ${m}\n`);

function stickyIndex(req) {
  const m = /(?:^|;\s*)hotline_node=(\d+)/.exec(req.headers.cookie ?? '');
  return m ? Number(m[1]) : null;
}

/** The session's instance when it is up, else the next healthy one (round robin). */
function pick(req, exclude = new Set()) {
  const now = Date.now();
  const sticky = stickyIndex(req);
  if (sticky !== null && UPSTREAMS[sticky] && UPSTREAMS[sticky].downUntil <= now && !exclude.has(sticky)) return UPSTREAMS[sticky];
  for (let k = 0; k < UPSTREAMS.length; k++) {
    const u = UPSTREAMS[(next + k) % UPSTREAMS.length];
    if (u.downUntil <= now && !exclude.has(u.i)) {
      next = (u.i + 1) % UPSTREAMS.length;
      return u;
    }
  }
  return UPSTREAMS.find((u) => !exclude.has(u.i)) ?? null; // all marked down: try anyway
}

function markDown(u, why) {
  if (u.downUntil < Date.now()) log(`instance ${u.host}:${u.port} is down (${why}); sending its clients elsewhere`);
  u.downUntil = Date.now() + 2000;
}

function forwardedHeaders(req, u) {
  const headers = { ...req.headers };
  // this proxy is the edge: the peer it saw, never what the client claimed (the API trusts it: TRUSTED_PROXIES)
  headers['x-forwarded-for'] = req.socket.remoteAddress;
  headers['x-forwarded-proto'] = 'http';
  headers.host = req.headers.host ?? `${u.host}:${u.port}`;
  return headers;
}

function send(req, res, body, tried) {
  const u = pick(req, tried);
  if (!u) {
    res.writeHead(503, { 'content-type': 'application/json' }).end('{"statusCode":503,"error":"Service Unavailable","message":"no API instance is reachable"}');
    return;
  }
  tried.add(u.i);
  const up = http.request({ host: u.host, port: u.port, method: req.method, path: req.url, headers: forwardedHeaders(req, u) }, (r) => {
    const headers = { ...r.headers };
    if (stickyIndex(req) !== u.i) {
      const set = [].concat(headers['set-cookie'] ?? []);
      set.push(`${COOKIE}=${u.i}; Path=/; HttpOnly; SameSite=Lax`);
      headers['set-cookie'] = set;
    }
    res.writeHead(r.statusCode ?? 502, headers);
    r.pipe(res);
  });
  up.on('error', (e) => {
    // refused: the request never reached the instance, so it is safe to send it to another one
    if ((e.code === 'ECONNREFUSED' || e.code === 'EHOSTUNREACH') && !res.headersSent) {
      markDown(u, e.code);
      if (tried.size < UPSTREAMS.length) return send(req, res, body, tried);
    }
    if (!res.headersSent)
      res.writeHead(502, { 'content-type': 'application/json' }).end(`{"statusCode":502,"error":"Bad Gateway","message":"the API instance failed: ${e.code ?? e.message}"}`);
    else res.destroy();
  });
  up.end(body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (c) => {
    size += c.length;
    if (size > BODY_LIMIT) {
      res.writeHead(413).end();
      req.destroy();
    } else chunks.push(c);
  });
  req.on('end', () => send(req, res, Buffer.concat(chunks), new Set()));
});

// websockets: the upgrade request is replayed to the chosen instance, then bytes flow both ways
server.on('upgrade', (req, socket, head) => {
  const tryUpgrade = (tried) => {
    const u = pick(req, tried);
    if (!u) return socket.destroy();
    tried.add(u.i);
    const up = net.connect(u.port, u.host, () => {
      const headers = forwardedHeaders(req, u);
      let raw = `${req.method} ${req.url} HTTP/1.1\r\n`;
      for (const [k, v] of Object.entries(headers)) for (const one of [].concat(v)) raw += `${k}: ${one}\r\n`;
      up.write(`${raw}\r\n`);
      if (head?.length) up.write(head);
      socket.pipe(up).pipe(socket);
    });
    up.on('error', (e) => {
      if (e.code === 'ECONNREFUSED' && tried.size < UPSTREAMS.length) {
        markDown(u, e.code);
        return tryUpgrade(tried);
      }
      socket.destroy();
    });
    socket.on('error', () => up.destroy());
    up.on('close', () => socket.destroy());
    socket.on('close', () => up.destroy());
  };
  tryUpgrade(new Set());
});

server.keepAliveTimeout = 65_000;
server.listen(PORT, '0.0.0.0', () => log(`listening on :${PORT}, instances ${UPSTREAMS.map((u) => `${u.host}:${u.port}`).join(', ')}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)) && setTimeout(() => process.exit(0), 2000).unref());
