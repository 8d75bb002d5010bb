#!/usr/bin/env node
import { CliArgumentError, parseCliArgs, type CliOptions } from './cli-args.ts';
import { loadScenarioFile, ScenarioError } from './scenario/load-scenario.ts';
import { startScriptedModel } from './server/scripted-model.ts';

function fail(message: string, code: number): never {
  process.stderr.write(`model-stub: ${message}\n`);
  process.exit(code);
}

/**
 * `npm run model-stub -- --port 8002 [--scenario FILE]`: prints the URL for `ANTHROPIC_BASE_URL`, then serves
 * until killed. Requests to routes it does not know are printed to stderr, to learn what a client calls.
 */
async function main(): Promise<void> {
  let options: CliOptions;
  let scenario;
  try {
    options = parseCliArgs(process.argv.slice(2));
    scenario = options.scenario ? loadScenarioFile(options.scenario) : undefined;
  } catch (error) {
    if (error instanceof CliArgumentError || error instanceof ScenarioError) fail(error.message, 2);
    throw error;
  }
  try {
    const model = await startScriptedModel({
      host: options.host,
      port: options.port,
      ...(scenario ? { scenario } : {}),
      ...(options.chunkDelayMs !== undefined ? { chunkDelayMs: options.chunkDelayMs } : {}),
      onUnknownRoute: (request) => process.stderr.write(`model-stub: no route for ${request.method} ${request.path}\n`),
    });
    process.stdout.write(`Scripted model ${model.url}\n`);
    const stop = () => {
      void model.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    fail(`${e.code ? `${e.code}: ` : ''}${e.message}`, e.code === 'EADDRINUSE' || e.code === 'NOT_LOOPBACK' ? 2 : 1);
  }
}

void main();
