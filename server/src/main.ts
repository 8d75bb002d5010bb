import { startApp, type RunningApp } from './app.ts';
import { isConfigError, loadConfig, type Config } from './config/index.ts';
import { isStoreError } from './store/index.ts';

/** How long a graceful shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * `npm start`: configuration from the environment and .env, then the server. A bad configuration prints each
 * problem on its own line and exits with 2; anything else that stops the start exits with 1.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }

  let running: RunningApp;
  try {
    running = await startApp({ config });
  } catch (error) {
    // Store errors (a locked data directory, a database that does not answer) say what to do; others go in full.
    process.stderr.write(`The server could not start: ${isStoreError(error) ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  }
  process.stdout.write(`NetBox Chatbox is running at ${running.url} (${running.mode} mode). Press Ctrl+C to stop.\n`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting without waiting.\n`);
      process.exit(1);
    }
    stopping = true;
    running.logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      running.logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
