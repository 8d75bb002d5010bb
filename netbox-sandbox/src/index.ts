export { startSandbox, loadSandboxData, todayUtc, SANDBOX_NETBOX_VERSION } from './sandbox.ts';
export type { SandboxOptions, RunningSandbox } from './sandbox.ts';
export type { Faults } from './faults/faults.ts';
export type { Dataset, Row } from './db/dataset.ts';
