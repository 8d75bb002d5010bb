import type { FaultQueue } from '../faults/fault-queue.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import type { RequestLog } from './request-log.ts';

/** What the routes share; `scenario` can be swapped while the server runs. */
export interface StubState {
  scenario: Scenario;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly chunkDelayMs: number;
}
