import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * MCP_CONFIG: extra MCP servers the agent may use besides our NetBox tools, in the `.mcp.json` shape Claude Code
 * uses, plus the allow-list of their tools. Strings may say `${VAR}` or `${VAR:-default}`, read from the
 * environment and .env, so tokens need not be written into the file.
 *
 * {
 *   "mcpServers": {
 *     "netbox-python": { "type": "stdio", "command": "uv", "args": ["--directory", "/opt/netbox-mcp-server", "run", "server.py"],
 *                        "env": { "NETBOX_URL": "${NETBOX_URL}", "NETBOX_TOKEN": "${NETBOX_TOKEN}" } },
 *     "inventory": { "type": "http", "url": "https://inventory.example.com/mcp", "headers": { "Authorization": "Bearer ${INVENTORY_TOKEN}" } }
 *   },
 *   "allowedTools": ["mcp__netbox-python__netbox_get_objects", "mcp__inventory__lookup"]
 * }
 */

/** Our in-process NetBox server's name: its tools are `mcp__netbox__*`, so no other server may take it. */
export const RESERVED_SERVER_NAME = 'netbox';

const SERVER_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const TOOL_NAME = /^mcp__((?:(?!__)[A-Za-z0-9_-])+)__([A-Za-z0-9_-]+)$/;

const stringMap = z.record(z.string(), z.string());

export const McpStdioServerSchema = z.strictObject({
  type: z.literal('stdio'),
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: stringMap.default({}),
});
export type McpStdioServer = z.infer<typeof McpStdioServerSchema>;

export const McpHttpServerSchema = z.strictObject({
  type: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }),
  headers: stringMap.default({}),
});
export type McpHttpServer = z.infer<typeof McpHttpServerSchema>;

export const McpServerSchema = z.discriminatedUnion('type', [McpStdioServerSchema, McpHttpServerSchema]);
export type McpServer = z.infer<typeof McpServerSchema>;

/** The validated file: servers in the shape the Agent SDK's `mcpServers` option takes. */
export const McpConfigSchema = z.object({
  /** Absolute path of the file, for messages. */
  file: z.string(),
  servers: z.record(z.string(), McpServerSchema),
  /** Full tool names (`mcp__<server>__<tool>`), each on a server of this file. */
  allowedTools: z.array(z.string()),
});
export type McpConfig = z.infer<typeof McpConfigSchema>;

const FileSchema = z.strictObject({
  mcpServers: z.record(z.string(), z.unknown()),
  allowedTools: z.array(z.string()),
});

/**
 * Reads, expands and checks the file. Returns the config, or the problems (one line each, naming the file and
 * the place in it); never quotes a value from the file, which may hold tokens.
 */
export function loadMcpConfig(
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): { config: McpConfig; problems: [] } | { config: undefined; problems: string[] } {
  const where = `MCP_CONFIG file ${file}`;
  const failed = (problems: string[]) => ({ config: undefined, problems });

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return failed([`MCP_CONFIG points to ${file}, which does not exist: fix the path or unset MCP_CONFIG`]);
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code ?? 'unknown error';
    return failed([`${where} cannot be read (${why}): point MCP_CONFIG at a readable JSON file, or unset it`]);
  }

  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return failed([`${where} is not valid JSON${jsonErrorPlace(text, error)}: fix the syntax (a JSON object with "mcpServers" and "allowedTools")`]);
  }

  const file_ = FileSchema.safeParse(json);
  if (!file_.success) return failed(file_.error.issues.map((issue) => `${where}: ${describeFileIssue(issue)}`));

  const problems: string[] = [];
  const servers: Record<string, McpServer> = {};
  for (const [name, raw] of Object.entries(file_.data.mcpServers)) {
    const at = `mcpServers.${name}`;
    if (!SERVER_NAME.test(name) || name.includes('__')) {
      problems.push(`${where}: server name ${JSON.stringify(name.slice(0, 64))} must be 1-64 letters, digits, "-" or single "_": rename it`);
      continue;
    }
    if (name === RESERVED_SERVER_NAME) {
      problems.push(
        `${where}: server name "netbox" is reserved for the built-in NetBox tools: rename it (e.g. "netbox-python") and its tools in allowedTools to mcp__netbox-python__…`,
      );
      continue;
    }
    // Claude Code's .mcp.json lets a stdio server leave out its type.
    const typed = isObject(raw) && raw.type === undefined ? { ...raw, type: 'stdio' } : raw;
    const expanded = expandVariables(typed, env, `${where}: ${at}`, problems);
    const parsed = McpServerSchema.safeParse(expanded);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${where}: ${describeServerIssue(at, issue)}`);
      continue;
    }
    servers[name] = parsed.data;
  }

  const allowedTools: string[] = [];
  for (const tool of file_.data.allowedTools) {
    const shown = JSON.stringify(tool.slice(0, 120));
    const match = TOOL_NAME.exec(tool);
    if (tool.includes('*')) {
      problems.push(`${where}: allowedTools entry ${shown} has a wildcard: list each tool by its full name, so a tool added to a server later is not allowed silently`);
    } else if (!match) {
      problems.push(`${where}: allowedTools entry ${shown} is not a tool name: write mcp__<server>__<tool>, e.g. mcp__inventory__lookup`);
    } else if (match[1] === RESERVED_SERVER_NAME) {
      problems.push(`${where}: allowedTools entry ${shown} names a built-in NetBox tool, which is always allowed: remove it`);
    } else if (!Object.hasOwn(file_.data.mcpServers, match[1] ?? '')) {
      problems.push(`${where}: allowedTools entry ${shown} names server "${match[1] ?? ''}", which is not in mcpServers: add the server or fix the name`);
    } else if (!allowedTools.includes(tool)) {
      allowedTools.push(tool);
    }
  }
  for (const name of Object.keys(servers)) {
    if (!allowedTools.some((tool) => tool.startsWith(`mcp__${name}__`))) {
      problems.push(`${where}: server "${name}" has no tool in allowedTools, so the agent could not use it: add its tools (mcp__${name}__<tool>) or remove the server`);
    }
  }

  if (problems.length > 0) return failed(problems);
  return { config: { file, servers, allowedTools }, problems: [] };
}

/** `${VAR}` and `${VAR:-default}` in every string, as Claude Code expands .mcp.json. */
function expandVariables(
  value: unknown,
  env: Readonly<Record<string, string | undefined>>,
  at: string,
  problems: string[],
): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_whole, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      problems.push(`${at} uses \${${name}}, which is not set: set ${name} in the environment or .env, or write \${${name}:-default}`);
      return '';
    });
  }
  if (Array.isArray(value)) return value.map((item, i) => expandVariables(item, env, `${at}[${i}]`, problems));
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandVariables(item, env, `${at}.${key}`, problems)]));
  }
  return value;
}

function describeFileIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    return `unknown top-level key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}: only "mcpServers" and "allowedTools" are read`;
  }
  if (path === '') return 'must be a JSON object with "mcpServers" and "allowedTools"';
  if (path === 'mcpServers') return '"mcpServers" must be an object of servers by name, e.g. {"inventory": {"type": "http", "url": "https://…"}}';
  if (path === 'allowedTools') {
    return '"allowedTools" must be a list of the tool names the agent may use, e.g. ["mcp__inventory__lookup"]';
  }
  return `${path}: must be a string`;
}

function describeServerIssue(at: string, issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.');
  const place = field ? `${at}.${field}` : at;
  switch (issue.code) {
    case 'unrecognized_keys':
      return `${place} has unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => JSON.stringify(key.slice(0, 40))).join(', ')}: a stdio server takes command, args, env; an http server takes url, headers`;
    case 'invalid_union':
      return isDiscriminatorIssue(issue)
        ? `${at}.type must be "stdio" or "http"`
        : `${place} must be {"type": "stdio", "command": …} or {"type": "http", "url": …}`;
    case 'invalid_format':
      return `${place} must be an http(s) URL, e.g. https://mcp.example.com/mcp`;
    case 'too_small':
      return `${place} must not be empty`;
    case 'invalid_type':
      if (field === '') return `${at} must be an object, e.g. {"type": "stdio", "command": "uv", "args": […]}`;
      if (field === 'command') return `${place} must be the program to run, e.g. "uv" or "/usr/local/bin/my-mcp"`;
      if (field === 'url') return `${place} must be an http(s) URL, e.g. https://mcp.example.com/mcp`;
      if (field.startsWith('args')) return `${place} must be a list of strings`;
      return `${place} must be ${issue.expected === 'record' || issue.expected === 'object' ? 'an object of strings' : `a ${issue.expected}`}`;
    default:
      return `${place}: ${issue.message}`;
  }
}

function isDiscriminatorIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_union' && issue.errors.length === 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "line 3, column 5" from V8's "at position N", without quoting the text around it. */
function jsonErrorPlace(text: string, error: unknown): string {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  if (position === undefined) return /end of JSON/i.test(String(error)) ? ' (it ends too early)' : '';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}
