import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run dev`: the chat server (demo mode unless .env says otherwise) and the Nuxt dev server with hot reload,
 * which proxies /api, /ws, /health and /ready to it. Open the Nuxt URL. Ctrl+C stops both.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const serverPort = process.env.PORT ?? '3000';
const webPort = process.env.WEB_PORT ?? '3001';
const children: ChildProcess[] = [];

function stopAll(code: number): void {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
}

const server = spawn(process.execPath, ['--conditions=@netbox-chatbox/source', 'server/src/main.ts'], { cwd: root, env: { ...process.env, PORT: serverPort }, stdio: ['ignore', 'pipe', 'inherit'] });
children.push(server);
server.on('exit', (code) => stopAll(code ?? 1));
let started = false;
server.stdout?.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  const match = /running at (http:\/\/\S+)/.exec(chunk.toString());
  if (started || !match) return;
  started = true;
  const web = spawn('npx', ['nuxt', 'dev', '--port', webPort, '--host', '127.0.0.1'], {
    cwd: resolve(root, 'web'),
    env: { ...process.env, CHATBOX_SERVER_URL: match[1], NUXT_TELEMETRY_DISABLED: '1' },
    stdio: 'inherit',
  });
  children.push(web);
  web.on('exit', (code) => stopAll(code ?? 0));
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
