/**
 * Preloaded (`--import`) into the server child of the memory bench, started with `--expose-gc`: on SIGUSR2 it
 * collects garbage and writes the heap figures to stderr, so each RSS reading is taken after a full GC and
 * garbage left by the last turns does not count as memory a conversation keeps.
 */
export const GC_MARK = 'bench-memory ';

const gc = (globalThis as { gc?: () => void }).gc;
process.on('SIGUSR2', () => {
  gc?.();
  process.stderr.write(`${GC_MARK}${JSON.stringify({ collected: gc !== undefined, ...process.memoryUsage() })}\n`);
});
