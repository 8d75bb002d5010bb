import { availableParallelism, loadavg, totalmem } from 'node:os';
import { Cleanup } from './support/server-cleanup.ts';
import { measureConcurrency } from './support/server-concurrency.ts';
import { measureFailover } from './support/server-failover.ts';
import { measureFairness } from './support/server-fairness.ts';
import { measureFirstToken } from './support/server-first-token.ts';
import { measureMemory } from './support/server-memory.ts';
import { concurrencyTable, firstTokenTable, memoryTable, warmTurnsTable } from './support/server-report.ts';
import { measureReplicas } from './support/server-replicas.ts';
import { failoverTable, fairnessTable, replicasTable } from './support/server-report-replicas.ts';
import { measureWarmTurns } from './support/server-warm-turns.ts';
import { startWorld, TOOL_QUESTION } from './support/server-world.ts';

/**
 * The chat server's costs, each against a baseline measured in the same run: warm-turn latency against the raw
 * Agent SDK, a new conversation's first token with and without warm-up, memory against the idle server, and
 * many conversations at once against one alone; two replicas on one PostgreSQL against one, the time a dead
 * replica's turn takes to be closed by the other against a graceful stop, and a light user's first token beside a
 * heavy one against alone. Everything runs on loopback against the sandbox NetBox and the scripted model, with the
 * real SDK and CLI (and a throwaway PostgreSQL cluster for 5 and 6).
 * Usage: npm run bench:server [-- --quick] [--concurrency N] [--only 1,2,3,4,5,6,7]
 */
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = argv.includes('--quick');
const concurrency = Number(option('concurrency') ?? (quick ? 16 : 50));
const only = new Set((option('only') ?? '1,2,3,4,5,6,7').split(',').map(Number));
if (!Number.isInteger(concurrency) || concurrency < 1) {
  process.stderr.write('--concurrency must be a whole number of at least 1\n');
  process.exit(2);
}
const settings = {
  chunkDelayMs: 5,
  warmTurns: quick ? 6 : 20,
  firstTokenSamples: quick ? 2 : 5,
  memory: { live: quick ? 3 : 6, stored: quick ? 6 : 24, idleMs: 8_000 },
  singles: quick ? 1 : 3,
  replicas: { conversations: quick ? 8 : 16, poolPerReplica: 4 },
  failoverSamples: quick ? 1 : 3,
  fairness: { heavyQuestions: 4, samples: quick ? 1 : 3 },
};

const print = (text = '') => process.stdout.write(`${text}\n`);
const progress = (text: string) => process.stderr.write(`[bench:server] ${text}\n`);
/** Other work on the machine moves every figure here; the load average says how much there was. */
const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
let phaseStarted = performance.now();
const phase = (text: string) => {
  progress(`${text} (previous step ${((performance.now() - phaseStarted) / 1000).toFixed(0)} s; load ${load()})`);
  phaseStarted = performance.now();
};

const cleanup = new Cleanup().stopOnSignals(progress);

const started = performance.now();
try {
  const world = await startWorld(cleanup, settings.chunkDelayMs);
  print(`Chat server bench${quick ? ' (--quick)' : ''}: scripted model (chunkDelayMs ${settings.chunkDelayMs}), sandbox NetBox x1, real Agent SDK + CLI`);
  print(`question: "${TOOL_QUESTION}" (a sentence, one netbox_get_objects call, then a table: 2 model requests per turn)`);
  print(`machine: ${availableParallelism()} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average at start ${load()}`);
  if (only.has(1)) {
    phase(`warm turns: ${settings.warmTurns} each`);
    print();
    print(warmTurnsTable(await measureWarmTurns(cleanup, world, settings.warmTurns)));
  }
  if (only.has(2)) {
    phase(`first token: ${settings.firstTokenSamples} new conversations each, warm-up on and off`);
    print();
    print(firstTokenTable(await measureFirstToken(cleanup, world, settings.firstTokenSamples)));
  }
  if (only.has(3)) {
    phase(`memory: ${settings.memory.live} live, ${settings.memory.stored} stored conversations, server in a child process`);
    print();
    print(memoryTable(await measureMemory(cleanup, world, settings.memory)));
  }
  if (only.has(4)) {
    phase(`concurrency: ${concurrency} conversations at once`);
    print();
    print(concurrencyTable(await measureConcurrency(cleanup, world, { concurrency, singles: settings.singles })));
  }
  if (only.has(5)) {
    phase(`replicas: ${settings.replicas.conversations} conversations, one replica against two on one PostgreSQL`);
    print();
    print(replicasTable(await measureReplicas(cleanup, world, settings.replicas)));
  }
  if (only.has(6)) {
    phase(`failover: ${settings.failoverSamples} replicas killed and stopped mid-answer`);
    print();
    print(failoverTable(await measureFailover(cleanup, world, settings.failoverSamples)));
  }
  if (only.has(7)) {
    phase(`fairness: a light user beside ${settings.fairness.heavyQuestions} long answers of a heavy one`);
    print();
    print(fairnessTable(await measureFairness(cleanup, world, settings.fairness)));
  }
  print();
  print(`total bench time ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end ${load()}`);
} catch (error) {
  if (!cleanup.interrupted) {
    process.stderr.write(`bench:server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  await cleanup.all();
}
