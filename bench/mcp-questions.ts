import { NetboxClient } from '../netbox-mcp/src/client/netbox-client.ts';
import { startSandbox } from '../netbox-sandbox/src/index.ts';
import { fanOutTable, measureFanOut, type FanOutFigure } from './support/mcp-fanout.ts';
import { connectOurServer, tapRequests } from './support/mcp-our-server.ts';
import { QUESTIONS } from './support/mcp-questions-set.ts';
import { questionsTable } from './support/mcp-report.ts';
import { runQuestions } from './support/mcp-run-questions.ts';
import { SandboxApi } from './support/mcp-sandbox-api.ts';
import { measureMcpStartup } from './support/mcp-startup.ts';
import { pickSubjects } from './support/mcp-subjects.ts';
import { DEFAULT_SEARCH_TYPES } from '../netbox-mcp/src/tools/search-objects.ts';

/**
 * The questions answered through our MCP server against the official netbox-mcp-server's calling
 * pattern (raw NetBox JSON with the `fields` its descriptions ask for), on the sandbox at ×1 and ×100 in one run;
 * then the latency of our parallel fan-out against the same NetBox requests made in sequence.
 * Last, the stdio server's start to tools/list, built against the sources run by tsx as before.
 * Usage: npm run bench:mcp [-- --scales 1,100 --runs 5 --latency 20 --show --starts 15]
 */
const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const scales = option('scales', '1,100').split(',').map(Number);
const runs = Number(option('runs', '5'));
const latencyMs = Number(option('latency', '20'));
const starts = Number(option('starts', '15'));
/** Print our answers too, to see what the model would read. */
const show = argv.includes('--show');
/** A fixed "now", so "last week" holds the same changes on every run. */
const ANCHOR = new Date('2026-11-01T00:00:00Z');
/** The same types our search fans out over by default. */
const FANOUT_SEARCH_TYPES = DEFAULT_SEARCH_TYPES;

const print = (text = '') => process.stdout.write(`${text}\n`);

for (const scale of scales) {
  const started = performance.now();
  const sandbox = await startSandbox({ scale, seed: 1, host: '127.0.0.1', port: 0, anchor: ANCHOR });
  const tap = tapRequests(sandbox.app.server);
  const ours = await connectOurServer({ url: sandbox.url, token: sandbox.token });
  try {
    print(`\n=== sandbox x${scale} (seed 1, ready in ${((performance.now() - started) / 1000).toFixed(1)} s) ===`);
    const subjects = await pickSubjects(new SandboxApi(sandbox.url, sandbox.authorization), ANCHOR);
    for (const q of QUESTIONS) print(`  Q${String(q.id).padEnd(2)} ${q.ask(subjects)}`);
    // The first call loads the instance's schema (once per process); neither the timings nor a question pay for it.
    await ours.call('netbox_get_objects', { object_type: 'dcim.site', limit: 1 });
    // Timed first, while the heap is small: the question runs below leave megabytes of official JSON to collect.
    const latency = { ms: latencyMs, set: (ms: number) => void sandbox.setFaults({ latencyMs: ms }) };
    const client = new NetboxClient({ url: sandbox.url, token: sandbox.token });
    const cases = [
      {
        label: `netbox_search_objects '${subjects.site}', ${FANOUT_SEARCH_TYPES.length} types`,
        call: { tool: 'netbox_search_objects', args: { query: subjects.site, object_types: FANOUT_SEARCH_TYPES } },
      },
      {
        label: `netbox_related_objects tenant '${subjects.tenant}'`,
        call: { tool: 'netbox_related_objects', args: { object_type: 'tenancy.tenant', object: subjects.tenant } },
      },
    ];
    const fanOut: FanOutFigure[] = [];
    // Its own server, so the names it resolves are not cached for the questions.
    const timed = await connectOurServer({ url: sandbox.url, token: sandbox.token });
    try {
      for (const c of cases) fanOut.push(await measureFanOut(timed, tap, client, c.label, c.call, runs, latency));
    } finally {
      sandbox.setFaults({ latencyMs: 0 });
      await timed.close();
    }
    const rows = await runQuestions({ url: sandbox.url, authorization: sandbox.authorization, ours, tap }, subjects);
    if (show) for (const r of rows) print(`\n--- Q${r.question.id} ${r.question.ask(subjects)}\n${r.answer}`);
    print();
    print(questionsTable(`questions at x${scale}: official netbox-mcp-server v1.2.1 pattern vs ours (bytes = result text the model reads; ~tok = bytes/4)`, rows));
    print();
    print(fanOutTable(`fan-out latency at x${scale}, ${latencyMs} ms added per NetBox response, median of ${runs}`, fanOut));
  } finally {
    tap.detach();
    await ours.close();
    await sandbox.close();
  }
}

{
  const sandbox = await startSandbox({ scale: 1, seed: 1, host: '127.0.0.1', port: 0, anchor: ANCHOR });
  try {
    print();
    print(await measureMcpStartup({ url: sandbox.url, token: sandbox.token }, starts));
  } finally {
    await sandbox.close();
  }
}
