import pLimit from 'p-limit';

export type Settled<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/**
 * Runs `task` for every item with at most `concurrency` in flight and keeps every outcome: one failed request
 * must be reported as failed, never turned into an empty answer or allowed to sink the others.
 */
export async function fanOut<I, T>(items: readonly I[], concurrency: number, task: (item: I) => Promise<T>): Promise<Settled<T>[]> {
  const limit = pLimit(Math.max(1, concurrency));
  return Promise.all(
    items.map((item) =>
      limit(async (): Promise<Settled<T>> => {
        try {
          return { ok: true, value: await task(item) };
        } catch (error) {
          return { ok: false, error };
        }
      }),
    ),
  );
}

/** One promise's outcome, kept: a failed part is reported by name while the others are used. */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value): Settled<T> => ({ ok: true, value }),
    (error: unknown): Settled<T> => ({ ok: false, error }),
  );
}
