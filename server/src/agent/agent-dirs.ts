import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface AgentDirs {
  /** The CLI's working directory: empty, so there is no project (CLAUDE.md, .mcp.json, settings) to find. */
  readonly cwd: string;
  /** `HOME` for the CLI, so it never reads the server user's own ~/.claude or dotfiles. */
  readonly home: string;
  /** `CLAUDE_CONFIG_DIR`: the CLI's config and its local transcripts. */
  readonly config: string;
}

/** The agent's directories under the data dir, created owner-only. */
export function ensureAgentDirs(dataDir: string): AgentDirs {
  const root = join(resolve(dataDir), 'agent');
  const dirs: AgentDirs = { cwd: join(root, 'workdir'), home: join(root, 'home'), config: join(root, 'home', '.claude') };
  for (const dir of [dirs.cwd, dirs.config]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dirs;
}
