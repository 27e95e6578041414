import { ConfigError, loadEnv } from './platform/config/env.dto';
import { applyDotEnv } from './platform/config/dot-env';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { StartupError, createApp } from './bootstrap';
import { Metrics } from './platform/metrics/metrics.service';

/** The worker's only HTTP: /metrics for Prometheus and /health for the orchestrator. */
function serveWorkerMetrics(registry: Registry, port: number): void {
  createServer((req, res) => {
    if (req.url === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (e: Error) => res.writeHead(500).end(e.message),
      );
    } else if (req.url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else {
      res.writeHead(404).end();
    }
  })
    .listen(port, '0.0.0.0')
    .unref();
}

/** What keeps the process from ending, by kind (sockets with their ports), for the forced-exit line. */
function openHandles(): string {
  const handles = (process as unknown as { _getActiveHandles(): object[] })._getActiveHandles();
  const kinds = new Map<string, number>();
  for (const h of handles) {
    const s = h as { constructor: { name: string }; localPort?: number; remotePort?: number };
    const name = s.constructor.name === 'Socket' && s.localPort ? `Socket ${s.localPort}->${s.remotePort ?? '?'}` : s.constructor.name;
    kinds.set(name, (kinds.get(name) ?? 0) + 1);
  }
  return [...kinds].map(([k, n]) => `${n} ${k}`).join(', ') || 'nothing';
}

/** SIGTERM: Nest closes the app (no new requests, in-flight ones and active SLA jobs finish); never longer than 10 s. */
function exitWithin(seconds: number): void {
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      process.stdout.write(`${sig}: shutting down (at most ${seconds} s)\n`);
      setTimeout(() => {
        process.stderr.write(`shutdown took longer than ${seconds} s: exiting now (still open: ${openHandles()})\n`);
        process.exit(1);
      }, seconds * 1000).unref();
    });
  }
}

async function main(): Promise<void> {
  // every way of starting the service (npm start, start:api, start:worker, cluster, a bare node) reads .env alike
  applyDotEnv();
  const env = loadEnv();
  exitWithin(10);
  const app = await createApp(env);
  if (env.SLA_ROLE === 'worker') {
    // A worker serves no HTTP: it runs the SLA timers and the sweeper until SIGTERM.
    if (env.METRICS_PORT) serveWorkerMetrics(app.get(Metrics).registry, env.METRICS_PORT);
    process.stdout.write(`12345 hotline SLA worker running (queue prefix ${env.QUEUE_PREFIX}, sweep every ${env.SLA_SWEEP_SECONDS} s)\n`);
    return;
  }
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  // PORT=0 lets the system choose a free port: the line below names the one it chose
  const url = `http://localhost:${(app.getHttpServer().address() as AddressInfo).port}`;
  process.stdout.write(`12345 hotline API listening on ${url} (REST ${url}/api/v1, OpenAPI ${url}/api/docs)\n`);
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError || e instanceof StartupError) {
    process.stderr.write(`${e.message}\n`);
  } else {
    process.stderr.write(`start-up failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
  process.exit(1);
});
