import type { Faults } from './faults.ts';

const NUMBER_FIELDS = ['latencyMs', 'errorRate', 'errorStatus', 'hangRate', 'dropRate'] as const;

/** Validates a partial Faults object from JSON or the command line; returns an error message on failure. */
export function parseFaults(input: unknown): { ok: true; faults: Partial<Faults> } | { ok: false; error: string } {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return { ok: false, error: 'faults must be a JSON object' };
  const out: Partial<Faults> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!(NUMBER_FIELDS as readonly string[]).includes(key)) return { ok: false, error: `unknown fault "${key}" (known: ${NUMBER_FIELDS.join(', ')})` };
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return { ok: false, error: `${key} must be a non-negative number` };
    if (key.endsWith('Rate') && value > 1) return { ok: false, error: `${key} must be between 0 and 1` };
    if (key === 'errorStatus' && (value < 500 || value > 599 || !Number.isInteger(value))) return { ok: false, error: 'errorStatus must be an HTTP 5xx status' };
    out[key as (typeof NUMBER_FIELDS)[number]] = value;
  }
  return { ok: true, faults: out };
}
