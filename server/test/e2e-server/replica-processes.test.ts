import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startScriptedModel, type ScriptedModel } from '@netbox-chatbox/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../../../netbox-sandbox/test/support/test-sandbox.ts';
import { startPostgresCluster, type PostgresCluster } from '../support/postgres-cluster.ts';
import { ChatClient, textOf } from './support/chat-client.ts';
import { API_KEY } from './support/test-server.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const MAIN = join(ROOT, 'server/src/main.ts');
/** As npm start runs it: Node's own type stripping, netbox-mcp from its sources rather than its build. */
const SOURCE_CONDITION = '--conditions=@netbox-chatbox/source';

const sandbox = useSandbox();
let model: ScriptedModel;
let cluster: PostgresCluster;
const servers: ServerProcess[] = [];
const dirs: string[] = [];

interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | null>;
  output(): string;
}

/**
 * `npm start` in its own OS process, as a second replica would run: its own data directory (so its own CLI
 * transcript files) and working directory with no .env, the shared PostgreSQL, and only the env given.
 */
async function startServer(): Promise<ServerProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'server-process-'));
  dirs.push(dir);
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    NETBOX_URL: sandbox.current.url,
    NETBOX_TOKEN: sandbox.current.token,
    ANTHROPIC_BASE_URL: model.url,
    ANTHROPIC_API_KEY: API_KEY,
    DATABASE_URL: cluster.url,
    DATA_DIR: join(dir, 'data'),
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'warn',
  };
  const child = spawn(process.execPath, [SOURCE_CONDITION, MAIN], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start line after 45 s; output: ${output.slice(-2000)}`)), 45_000);
    const look = (): void => {
      const found = /NetBox Chatbox is running at (http:\/\/127\.0\.0\.1:\d+) \(single-user mode\)/.exec(output)?.[1];
      if (!found) return;
      clearTimeout(timer);
      resolveUrl(found);
    };
    child.stdout?.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it started; output: ${output.slice(-2000)}`));
    });
  });
  const server = { child, url, exited, output: () => output };
  servers.push(server);
  return server;
}

/** SIGTERM to the one process, by its PID, and its exit. */
async function stopServer(server: ServerProcess): Promise<number | null> {
  if (server.child.exitCode === null && server.child.pid !== undefined) process.kill(server.child.pid, 'SIGTERM');
  return server.exited;
}

beforeAll(async () => {
  [model, cluster] = await Promise.all([startScriptedModel({ chunkDelayMs: 2 }), startPostgresCluster()]);
}, 120_000);
afterAll(async () => {
  for (const server of servers.splice(0)) {
    if (server.child.exitCode === null && server.child.pid !== undefined) process.kill(server.child.pid, 'SIGKILL');
    await server.exited;
  }
  await model?.close();
  await cluster?.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface LoggedBody {
  messages: { role: string; content: unknown }[];
}

describe('two server processes on one PostgreSQL', () => {
  it('continue on the second a conversation started on the first, with its events and the model’s context', async () => {
    const [one, two] = await Promise.all([startServer(), startServer()]);
    expect(one.child.pid).not.toBe(two.child.pid);

    const a = await ChatClient.connect(`${one.url.replace('http', 'ws')}/ws/chat`);
    const first = await a.ask('hello there');
    expect(textOf(await a.turn(first.turnId))).toContain('You said: hello there');
    const lastSeq = Math.max(...a.events.flatMap((e) => ('seq' in e && typeof e.seq === 'number' ? [e.seq] : [])));
    await a.close();
    model.clearRequests();

    const b = await ChatClient.connect(`${two.url.replace('http', 'ws')}/ws/chat`);
    b.send({ type: 'resume', conversationId: first.conversationId, afterSeq: 0 });
    expect(await b.next((e) => e.type === 'resumed')).toMatchObject({ lastSeq, turnRunning: false, reload: false });
    expect(textOf(b.events)).toContain('You said: hello there');
    const second = await b.ask('and what did I ask first?', { conversationId: first.conversationId });
    const events = await b.turn(second.turnId);
    expect(events[0]).toMatchObject({ type: 'turn_start', seq: lastSeq + 1 });
    expect(textOf(events)).toBe('You first asked: "hello there". Now you say: "and what did I ask first?". This is turn 2.');
    // The second process's CLI never saw turn 1: it came back through the shared store.
    expect(JSON.stringify((model.messageRequests() as LoggedBody[]).at(-1)?.messages)).toContain('hello there');
    await b.close();

    expect(await Promise.all([stopServer(one), stopServer(two)])).toEqual([0, 0]);
    expect(one.output() + two.output()).not.toContain(API_KEY);
  }, 90_000);
});
