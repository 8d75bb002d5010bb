import Fastify from 'fastify';
import { startSandbox } from '../../netbox-sandbox/src/sandbox.ts';

/**
 * Runs in a child process so the server and the load generator do not share one event loop.
 * `sandbox <scale>`: the sandbox. `static <file-url> <token>`: the baseline, the same body served as a
 * pre-rendered JSON document by the same HTTP stack (Fastify).
 */
const [mode, arg] = process.argv.slice(2);
if (mode === 'sandbox') {
  const sandbox = await startSandbox({ scale: Number(arg ?? 1), seed: 1, anchor: new Date('2026-11-01T00:00:00Z') });
  process.stdout.write(`${JSON.stringify({ url: sandbox.url, authorization: sandbox.authorization })}\n`);
} else {
  const body = await new Promise<string>((resolve) => {
    let data = '';
    process.stdin.on('data', (c: Buffer) => (data += c.toString('utf8')));
    process.stdin.on('end', () => resolve(data));
  });
  const app = Fastify({ logger: false });
  app.get('/api/dcim/devices/', async (_req, reply) => reply.header('content-type', 'application/json').send(body));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, authorization: 'none' })}\n`);
}
