/** Order statistics and number formats for the chat server bench. */

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: with few samples, p95 is the worst or second-worst one, never an interpolation between them.
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const ms = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(value < 100 ? 1 : 0)} ms` : 'n/a');

export const mb = (kb: number): string => (Number.isFinite(kb) ? `${(kb / 1024).toFixed(1)} MB` : 'n/a');

export const times = (value: number): string => (Number.isFinite(value) ? `${Math.abs(value) < 0.1 && value !== 0 ? value.toPrecision(2) : value.toFixed(2)}x` : 'n/a');

export const signedMs = (value: number): string => (Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${ms(value)}` : 'n/a');
