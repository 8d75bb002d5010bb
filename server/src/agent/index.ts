export { AgentSession } from './agent-session.ts';
export type { AgentSessionOptions, SessionState } from './agent-session.ts';
export { SessionPool } from './session-pool.ts';
export type { AcquireOptions, Acquired, Lease, PoolMember, PoolStats, SessionPoolOptions } from './session-pool.ts';
export { buildAgentOptions, DEFAULT_MAX_RETRIES } from './agent-options.ts';
export type { AgentOptionsInput, ExtraMcp } from './agent-options.ts';
export { buildAgentEnv, MODEL_ENV, NETWORK_ENV } from './agent-env.ts';
export type { AgentEnvInput } from './agent-env.ts';
export { agentDirsOf, allUserConfigDirs, ensureAgentDirs, resumeConfigDirs, usersAgentRoot } from './agent-dirs.ts';
export { localSessions, removeSessionFiles } from './session-files.ts';
export type { LocalSession } from './session-files.ts';
export { FairQueue } from './fair-queue.ts';
export type { AgentDirs } from './agent-dirs.ts';
export { AgentError, AGENT_ERROR_CODES, classifyModelFailure, safeError } from './agent-errors.ts';
export type { AgentErrorCode, ModelFailure } from './agent-errors.ts';
export type {
  AgentEvent,
  AgentEventSink,
  DoneEvent,
  McpServerFailedEvent,
  ErrorEvent,
  QueuedEvent,
  RetryEvent,
  SessionEvent,
  TextEvent,
  TextResetEvent,
  ThinkingEvent,
  ToolResultEvent,
  ToolSlowEvent,
  ToolUseEvent,
  TurnUsage,
} from './agent-events.ts';
export { SYSTEM_PROMPT } from './system-prompt.ts';
export { createToolGate, mcpToolName, NETBOX_SERVER, NETBOX_TOOLS, NETBOX_TOOL_NAMES } from './tool-gate.ts';
export { redact } from './redact.ts';
