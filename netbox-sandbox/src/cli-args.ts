import { parseArgs } from 'node:util';
import { parseTokenString } from './auth/token-format.ts';
import type { SandboxOptions } from './sandbox.ts';

export class CliArgumentError extends Error {
  readonly code = 'CLI_ARGUMENT_INVALID';
}

function positiveInteger(name: string, raw: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new CliArgumentError(`--${name} must be a whole number from 0 to ${max}, got "${raw}"`);
  return Number(raw);
}

function rate(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new CliArgumentError(`--${name} must be a number from 0 to 1, got "${raw}"`);
  return n;
}

/** `--port 8001 [--host 127.0.0.1] [--scale 1] [--seed 1] [--dump FILE] [--token TOKEN]` and fault flags. */
export function parseCliArgs(argv: readonly string[]): SandboxOptions & { port: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        scale: { type: 'string' },
        seed: { type: 'string' },
        dump: { type: 'string' },
        token: { type: 'string' },
        latency: { type: 'string' },
        'error-rate': { type: 'string' },
        'hang-rate': { type: 'string' },
        'drop-rate': { type: 'string' },
      },
    }));
  } catch (err) {
    throw new CliArgumentError((err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  const scale = positiveInteger('scale', values.scale, 1, 1000);
  if (scale < 1) throw new CliArgumentError('--scale must be at least 1');
  if (values.token !== undefined && !parseTokenString(values.token)) {
    throw new CliArgumentError('--token must be a 40-character v1 token or a v2 token nbt_<key>.<token>');
  }
  const faults = {
    latencyMs: positiveInteger('latency', values.latency, 0, 600_000),
    ...(values['error-rate'] !== undefined ? { errorRate: rate('error-rate', values['error-rate']) } : {}),
    ...(values['hang-rate'] !== undefined ? { hangRate: rate('hang-rate', values['hang-rate']) } : {}),
    ...(values['drop-rate'] !== undefined ? { dropRate: rate('drop-rate', values['drop-rate']) } : {}),
  };
  return {
    port: positiveInteger('port', values.port, 8001, 65535),
    host: values.host ?? '127.0.0.1',
    scale,
    seed: positiveInteger('seed', values.seed, 1, 2 ** 32 - 1),
    ...(values.dump !== undefined ? { dump: values.dump } : {}),
    ...(values.token !== undefined ? { token: values.token } : {}),
    faults,
  };
}
