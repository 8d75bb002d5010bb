import { parseArgs } from 'node:util';

export class CliArgumentError extends Error {
  readonly code = 'CLI_ARGUMENT_INVALID';
}

export interface CliOptions {
  readonly host: string;
  readonly port: number;
  readonly scenario: string | undefined;
  readonly chunkDelayMs: number | undefined;
}

function wholeNumber(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new CliArgumentError(`--${name} must be a whole number from 0 to ${max}, got "${raw}"`);
  return Number(raw);
}

/** `--port P [--host H] [--scenario FILE] [--chunk-delay MS]`. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        scenario: { type: 'string' },
        'chunk-delay': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new CliArgumentError((error as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  if (values.port === undefined) throw new CliArgumentError('--port is required (0 picks a free port)');
  return {
    host: values.host ?? '127.0.0.1',
    port: wholeNumber('port', values.port, 65535) ?? 0,
    scenario: values.scenario,
    chunkDelayMs: wholeNumber('chunk-delay', values['chunk-delay'], 60_000),
  };
}
