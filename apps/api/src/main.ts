import { ConfigError, loadEnv } from './config/env.dto';
import { StartupError, createApp } from './bootstrap';

async function main(): Promise<void> {
  const env = loadEnv();
  const app = await createApp(env);
  if (env.SLA_ROLE === 'worker') {
    // A worker serves no HTTP: it runs the SLA timers and the sweeper until SIGTERM.
    process.stdout.write(`12345 hotline SLA worker running (queue prefix ${env.QUEUE_PREFIX}, sweep every ${env.SLA_SWEEP_SECONDS} s)\n`);
    return;
  }
  await app.listen({ port: env.PORT, host: '0.0.0.0' });
  const url = `http://localhost:${env.PORT}`;
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
