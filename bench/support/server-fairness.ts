import { defaultScenario } from '@netbox-chatbox/testing';
import type { Cleanup } from './server-cleanup.ts';
import { BenchSocket, type TimedTurn } from './server-ws-client.ts';
import { startBenchApp, TOOL_QUESTION, type BenchApp, type BenchWorld } from './server-world.ts';

export interface FairnessFigures {
  readonly maxLiveSessions: number;
  readonly heavyQuestions: number;
  /** The baseline: the light user's new conversation with the server to themselves. */
  readonly alone: number[];
  /** The same while the heavy user's questions fill the server, with the per-user share (the default). */
  readonly shared: number[];
  /** The same with MAX_LIVE_SESSIONS_PER_USER = MAX_LIVE_SESSIONS: no share, as before it existed. */
  readonly unshared: number[];
  failures: number;
}

/** The heavy user's questions: a long answer each (about 2.5 s of streaming), so they hold their sessions. */
const HEAVY = 'heavy: tell me everything';
const HEAVY_WORDS = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');

/**
 * Multi-user mode, MAX_LIVE_SESSIONS=4. A light user (mchen) asks one NetBox question in a new conversation:
 * alone, and while a heavy user (admin) has `heavyQuestions` long answers in flight, on a server with the
 * per-user share and on one without. First token of the light user's question, from its send.
 */
export async function measureFairness(cleanup: Cleanup, world: BenchWorld, settings: { heavyQuestions: number; samples: number }): Promise<FairnessFigures> {
  world.model.setScenario({ rules: [{ name: 'heavy', when: { user: `^${HEAVY}` }, chunkDelayMs: 50, reply: [{ type: 'text', text: HEAVY_WORDS }] }, ...defaultScenario().rules] });
  const figures: FairnessFigures = { maxLiveSessions: 4, heavyQuestions: settings.heavyQuestions, alone: [], shared: [], unshared: [], failures: 0 };
  try {
    for (const [label, perUser] of [['shared', undefined], ['unshared', '4']] as const) {
      const app = await startBenchApp(cleanup, world, {
        warmUp: false,
        label: `fairness ${label}`,
        multiUser: true,
        env: { MAX_LIVE_SESSIONS: '4', ...(perUser ? { MAX_LIVE_SESSIONS_PER_USER: perUser } : {}) },
      });
      try {
        const light = await BenchSocket.connect(app.wsUrl, { cookie: await signIn(app, 'mchen') });
        const heavy = await BenchSocket.connect(app.wsUrl, { cookie: await signIn(app, 'admin') });
        try {
          for (let i = 0; i < settings.samples; i += 1) {
            if (label === 'shared') figures.alone.push(record(figures, await light.ask(TOOL_QUESTION)));
            const flood = Array.from({ length: settings.heavyQuestions }, (_, n) => heavy.ask(`${HEAVY} ${n}`));
            await waitUntil(() => app.running.pool.stats().leases > 0 && app.running.chat.stats().turns >= settings.heavyQuestions);
            figures[label].push(record(figures, await light.ask(TOOL_QUESTION)));
            for (const turn of await Promise.all(flood)) if (turn.outcome !== 'done') figures.failures += 1;
          }
        } finally {
          await light.close();
          await heavy.close();
        }
      } finally {
        await app.close();
      }
    }
    return figures;
  } finally {
    world.model.setScenario(defaultScenario());
  }
}

function record(figures: FairnessFigures, turn: TimedTurn): number {
  if (turn.outcome !== 'done') figures.failures += 1;
  return turn.ttftMs;
}

async function signIn(app: BenchApp, username: string): Promise<string> {
  const response = await fetch(`${app.running.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: username }),
  });
  if (response.status !== 200) throw new Error(`sign-in as ${username} failed: ${response.status}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

async function waitUntil(check: () => boolean): Promise<void> {
  for (const deadline = Date.now() + 60_000; !check(); ) {
    if (Date.now() > deadline) throw new Error('the heavy user’s questions did not start');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
