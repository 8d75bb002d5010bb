import { startSandbox } from '@netbox-chatbox/netbox-sandbox';
import { defaultScenario, startScriptedModel, type Rule } from '@netbox-chatbox/testing';
import { startApp, type RunningApp } from '../../server/src/app.ts';
import type { Cleanup } from './server-cleanup.ts';
import { benchConfig, benchLogger, serverEnv, tempDir, type BenchWorld } from './server-world.ts';

/**
 * The product as a user runs it, on loopback: the sandbox NetBox, the scripted model answering `rules` first,
 * and the whole server in single-user mode (no sign-in, PGlite in a temp dir) serving the UI in `webDir`.
 */
export async function startWebApp(cleanup: Cleanup, options: { webDir: string; rules: readonly Rule[]; chunkDelayMs: number }): Promise<RunningApp> {
  const sandbox = await startSandbox({ host: '127.0.0.1', port: 0, scale: 1, seed: 1 });
  cleanup.add('sandbox', () => sandbox.close());
  const model = await startScriptedModel({ host: '127.0.0.1', port: 0, chunkDelayMs: options.chunkDelayMs, scenario: { rules: [...options.rules, ...defaultScenario().rules] } });
  cleanup.add('scripted model', () => model.close());
  const world: BenchWorld = { sandbox, model, chunkDelayMs: options.chunkDelayMs };
  const config = benchConfig(serverEnv(world), tempDir(cleanup, 'bench-web-server-'));
  const app = await startApp({ config, logger: benchLogger(), warmUp: true, webDir: options.webDir });
  cleanup.add('server', () => app.close());
  return app;
}
