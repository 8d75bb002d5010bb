export { createNetboxMcpServer, SERVER_NAME, SERVER_VERSION } from './server.ts';
export type { NetboxMcpOptions } from './server.ts';
export { NetboxClient } from './client/netbox-client.ts';
export type { NetboxClientOptions, Page, NetboxStatus } from './client/netbox-client.ts';
export { NetboxMcpError, ERROR_CODES } from './errors.ts';
export type { ErrorCode } from './errors.ts';
export type { ResultMeta, ResultLinks } from './tools/tool-result.ts';
export { DEFAULT_LIMITS } from './tools/tool-context.ts';
export type { ToolLimits } from './tools/tool-context.ts';
