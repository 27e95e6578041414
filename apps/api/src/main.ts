import { ConfigError, loadEnv } from './config/env.dto';
import { StartupError, createApp } from './bootstrap';

async function main(): Promise<void> {
  const env = loadEnv();
  const app = await createApp(env);
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
