export { createNetboxMcpServer, SERVER_NAME, SERVER_VERSION } from './server.ts';
export type { NetboxMcpOptions } from './server.ts';
export { NetboxClient } from './client/netbox-client.ts';
export type { NetboxClientOptions, Page, NetboxStatus } from './client/netbox-client.ts';
export { NetboxMcpError, ERROR_CODES } from './errors.ts';
export type { ErrorCode } from './errors.ts';
export { RESULT_META_KEY, ResultLinksSchema, ResultMetaSchema } from './result/result-meta.ts';
export type { ResultMeta, ResultLinks } from './result/result-meta.ts';
export {
  AvailableDataSchema,
  CablePathSchema,
  CableRefSchema,
  CableTraceDataSchema,
  HopSchema,
  ImpactDataSchema,
  ImpactGroupSchema,
  NeighborLinkSchema,
  NeighborsDataSchema,
  ObjectRefSchema,
  PathEndSchema,
  ToolDataSchema,
} from './result/tool-data.ts';
export type {
  AvailableData,
  CablePath,
  CableRef,
  CableTraceData,
  Hop,
  ImpactData,
  ImpactGroup,
  NeighborLink,
  NeighborsData,
  ObjectRef as DataObjectRef,
  PathEnd,
  ToolData,
} from './result/tool-data.ts';
export { DEFAULT_LIMITS } from './query/tool-context.ts';
export type { AroundToolCall, ToolCallInfo, ToolLimits } from './query/tool-context.ts';
export { ResolveCache } from './query/resolve-cache.ts';
export { NETBOX_TOOL_NAMES as NETBOX_MCP_TOOL_NAMES } from './tools/all-tools.ts';
