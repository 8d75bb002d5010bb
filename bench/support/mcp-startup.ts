import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { median, ms, percentile, times } from './server-stats.ts';
import { table } from './server-table.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The loader the MCP server ran under before it had a build, fetched from the npm registry for the baseline only. */
const TSX_VERSION = '4.23.15';

interface Way {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
}

/** Spawn to the answer of tools/list, as an MCP client (Claude Desktop, Claude Code) starts the server. */
async function startToList(way: Way, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const transport = new StdioClientTransport({ command: way.command, args: [...way.args], env, stderr: 'ignore' });
  const client = new Client({ name: 'bench-mcp-startup', version: '0.0.0' });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const elapsed = performance.now() - started;
  await client.close();
  if (tools.length === 0) throw new Error(`${way.label}: no tools listed`);
  return elapsed;
}

/** tsx's CLI in the npx cache, fetched once; undefined when the registry cannot be reached. */
function tsxCli(): string | undefined {
  try {
    const bin = execFileSync('npm', ['exec', '--yes', `--package=tsx@${TSX_VERSION}`, '-c', 'command -v tsx'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], cwd: tmpdir() }).trim();
    const cli = bin ? realpathSync(bin) : '';
    return existsSync(cli) ? cli : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Start to tools/list of the stdio MCP server, `runs` times each way, interleaved: the old way (tsx compiling the
 * sources on every start) as the baseline, Node's own type stripping of the sources (this repository), and the
 * built package (`npx netbox-mcp` runs dist/cli.js; its first start fills Node's compile cache, which later ones use).
 */
export async function measureMcpStartup(netbox: { url: string; token: string }, runs: number): Promise<string> {
  execFileSync('npx', ['tsc', '-p', 'netbox-mcp/tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const cacheDir = mkdtempSync(join(tmpdir(), 'bench-mcp-compile-cache-'));
  const env = { PATH: process.env.PATH ?? '', NETBOX_URL: netbox.url, NETBOX_TOKEN: netbox.token, NODE_COMPILE_CACHE: cacheDir, LOG_LEVEL: 'error' };
  const tsx = tsxCli();
  const ways: Way[] = [
    ...(tsx ? [{ label: `tsx ${TSX_VERSION} on the sources (before): baseline`, command: process.execPath, args: [tsx, join(ROOT, 'netbox-mcp/src/cli.ts')] }] : []),
    { label: 'node on the sources (type stripping)', command: process.execPath, args: [join(ROOT, 'netbox-mcp/src/cli.ts')] },
    { label: 'node on the build (dist/cli.js, the package)', command: process.execPath, args: [join(ROOT, 'netbox-mcp/dist/cli.js')] },
  ];
  try {
    const samples = new Map<string, number[]>(ways.map((w) => [w.label, []]));
    // One start each first, untimed: it fills the compile cache and the OS file cache for every way alike.
    for (const way of ways) await startToList(way, env);
    for (let run = 0; run < runs; run += 1) {
      for (const way of run % 2 === 0 ? ways : [...ways].reverse()) samples.get(way.label)!.push(await startToList(way, env));
    }
    const base = median(samples.get(ways[0]!.label)!);
    const rows = ways.map((way) => {
      const values = samples.get(way.label)!;
      return [way.label, ms(median(values)), ms(percentile(values, 95)), times(median(values) / base)];
    });
    return table(
      `MCP server start to tools/list over stdio, ${runs} starts each (interleaved), after one untimed start each`,
      ['', 'median', 'p95', 'vs first row'],
      rows,
      tsx ? [] : [`tsx ${TSX_VERSION} could not be fetched from the npm registry: no baseline row; ratios against type stripping`],
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
