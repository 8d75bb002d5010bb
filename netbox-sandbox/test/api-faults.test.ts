import { describe, expect, it } from 'vitest';
import { generatedDataset, useSandbox } from './support/test-sandbox.ts';

const sandbox = useSandbox(() => ({ dataset: generatedDataset(), faults: { latencyMs: 150 } }));
const get = (path = '/api/dcim/sites/?limit=1', signal?: AbortSignal) =>
  fetch(`${sandbox.current.url}${path}`, { headers: { authorization: sandbox.current.authorization }, ...(signal ? { signal } : {}) });

describe('fault injection', () => {
  it('adds the latency set at start, and drops it at run time', async () => {
    let t = performance.now();
    expect((await get()).status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(140);
    sandbox.current.setFaults({ latencyMs: 0 });
    t = performance.now();
    await get();
    expect(performance.now() - t).toBeLessThan(140);
  });

  it('answers errors at the error rate', async () => {
    sandbox.current.setFaults({ errorRate: 1, errorStatus: 503 });
    const res = await get();
    expect(res.status).toBe(503);
    sandbox.current.setFaults({ errorRate: 0.5 });
    const statuses = await Promise.all(Array.from({ length: 40 }, () => get().then((r) => r.status)));
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
    sandbox.current.setFaults({ errorRate: 0 });
  });

  it('hangs until the client gives up', async () => {
    sandbox.current.setFaults({ hangRate: 1 });
    const t = performance.now();
    await expect(get('/api/dcim/sites/', AbortSignal.timeout(300))).rejects.toThrow();
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    sandbox.current.setFaults({ hangRate: 0 });
  });

  it('drops connections without an answer', async () => {
    sandbox.current.setFaults({ dropRate: 1 });
    await expect(get()).rejects.toThrow(/fetch failed/);
    sandbox.current.setFaults({ dropRate: 0 });
    expect((await get()).status).toBe(200);
  });

  it('is steered over HTTP with a superuser token, and validates what it is given', async () => {
    const put = (body: unknown, authorization = sandbox.current.authorization) =>
      fetch(`${sandbox.current.url}/_sandbox/faults`, { method: 'PUT', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put({ errorRate: 1, errorStatus: 500 })).status).toBe(200);
    expect((await get()).status).toBe(500);
    expect((await put({ errorRate: 0 })).status).toBe(200);
    expect((await get()).status).toBe(200);
    expect((await put({ errorRate: 2 })).status).toBe(400);
    expect((await put({ sparks: 1 })).status).toBe(400);
    expect((await put({ errorRate: 0 }, 'Token nope')).status).toBe(403);
  });
});
