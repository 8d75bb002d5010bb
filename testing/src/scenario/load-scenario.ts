import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { scenarioSchema, type Scenario, type ScenarioInput } from './scenario-schema.ts';

export class ScenarioError extends Error {
  readonly code = 'SCENARIO_INVALID';
}

/** `rules[2].when.user: bad pattern: …`, one issue after another on a single line. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
      return `${path || '(top)'}: ${issue.message}`;
    })
    .join('; ');
}

export function parseScenario(input: ScenarioInput | unknown, source = 'scenario'): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) throw new ScenarioError(`${source} is not a valid scenario: ${describeIssues(parsed.error)}`);
  return parsed.data;
}

export function loadScenarioFile(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`cannot read scenario ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`scenario ${path} is not JSON: ${(error as Error).message}`);
  }
  return parseScenario(json, path);
}

/** The built-in NetBox scenario, shipped as a JSON file so it doubles as an example of the format. */
export function defaultScenario(): Scenario {
  return loadScenarioFile(new URL('../../scenarios/netbox-default.json', import.meta.url).pathname);
}
