#!/usr/bin/env node
import { CliArgumentError, parseCliArgs } from './cli-args.ts';
import { startSandbox } from './sandbox.ts';

/**
 * `npm run sandbox -- --port 8001 …`: prints one line with the URL and a superuser token, then serves until
 * killed. A bad argument prints one line naming it and exits with 2.
 */
async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof CliArgumentError) {
      process.stderr.write(`netbox-sandbox: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  try {
    const sandbox = await startSandbox(options);
    process.stdout.write(`NetBox sandbox ${sandbox.url}/ token ${sandbox.token}\n`);
    const stop = () => {
      void sandbox.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`netbox-sandbox: ${e.code ? `${e.code}: ` : ''}${e.message}\n`);
    process.exit(e.code === 'EADDRINUSE' || e.code === 'DUMP_UNREADABLE' ? 2 : 1);
  }
}

void main();
