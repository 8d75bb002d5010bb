import type { NetboxClient } from '../../netbox-mcp/src/client/netbox-client.ts';
import type { OurServer, RequestTap } from './mcp-our-server.ts';
import { median } from './mcp-report.ts';

export interface FanOutFigure {
  readonly label: string;
  /** NetBox requests one call made. */
  readonly requests: number;
  /** Median wall time of our tool call (parallel fan-out), ms. */
  readonly parallelMs: number;
  /** Median wall time of the same requests one after another with the same client, ms. */
  readonly sequentialMs: number;
  /** The same sequence with no added latency: the sandbox's own work, which one event loop cannot overlap. */
  readonly workMs: number;
  readonly error?: string;
}

/**
 * Times one of our fan-out tools against the very requests it made, replayed in sequence with a NetboxClient:
 * the gain of asking NetBox in parallel when each answer takes a while.
 */
export async function measureFanOut(
  ours: OurServer,
  tap: RequestTap,
  client: NetboxClient,
  label: string,
  call: { tool: string; args: Readonly<Record<string, unknown>> },
  runs: number,
  latency: { readonly ms: number; set(ms: number): void },
): Promise<FanOutFigure> {
  latency.set(latency.ms);
  const warm = await ours.call(call.tool, call.args); // catalog and name lookups cached, as in a live session
  if (warm.isError) return { label, requests: 0, parallelMs: Number.NaN, sequentialMs: Number.NaN, workMs: Number.NaN, error: warm.text.split('\n')[0] ?? '' };
  const parallel: number[] = [];
  const sequential: number[] = [];
  let paths: string[] = [];
  for (let i = 0; i < runs; i++) {
    tap.start();
    const t = performance.now();
    await ours.call(call.tool, call.args);
    parallel.push(performance.now() - t);
    paths = tap.stop();
    sequential.push(await replay(client, paths));
  }
  latency.set(0);
  const work: number[] = [];
  for (let i = 0; i < runs; i++) work.push(await replay(client, paths));
  return { label, requests: paths.length, parallelMs: median(parallel), sequentialMs: median(sequential), workMs: median(work) };
}

async function replay(client: NetboxClient, paths: readonly string[]): Promise<number> {
  const t = performance.now();
  for (const path of paths) await client.get(path);
  return performance.now() - t;
}

const LABEL = 56;

export function fanOutTable(title: string, rows: readonly FanOutFigure[]): string {
  const head = `${'fan-out'.padEnd(LABEL)}  ${'reqs'.padStart(4)}  ${'parallel ms'.padStart(11)}  ${'sequential ms'.padStart(13)}  ${'speed-up'.padStart(8)}  ${'no-latency seq ms'.padStart(17)}`;
  const lines = rows.map((r) =>
    r.error
      ? `${r.label.padEnd(LABEL)}  error: ${r.error}`
      : `${r.label.padEnd(LABEL)}  ${String(r.requests).padStart(4)}  ${r.parallelMs.toFixed(1).padStart(11)}  ${r.sequentialMs.toFixed(1).padStart(13)}  ` +
        `${`${(r.sequentialMs / r.parallelMs).toFixed(2)}x`.padStart(8)}  ${r.workMs.toFixed(1).padStart(17)}`,
  );
  const notes = [
    'no-latency seq ms: the same requests in sequence with no added latency: the in-process sandbox\'s own CPU time,',
    'which runs on one event loop, so parallel requests overlap only the waiting.',
  ];
  return [title, head, '-'.repeat(head.length), ...lines, ...notes].join('\n');
}
