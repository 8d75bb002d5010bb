import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface AgentDirs {
  /** The CLI's working directory: empty, so there is no project (CLAUDE.md, .mcp.json, settings) to find. */
  readonly cwd: string;
  /** `HOME` for the CLI, so it never reads the server user's own ~/.claude or dotfiles. */
  readonly home: string;
  /** `CLAUDE_CONFIG_DIR`: the CLI's config and its local transcripts. */
  readonly config: string;
}

/** Where every user's agent directories live, under the data dir. */
export function usersAgentRoot(dataDir: string): string {
  return join(resolve(dataDir), 'agent', 'users');
}

/**
 * The agent's directories under the data dir, created owner-only. With a user, that user's own: the CLI keeps
 * its transcripts (everything the user asked and NetBox answered) in its config dir, so no user's CLI process
 * shares a folder with another's, and a user's files can be found and deleted.
 */
export function ensureAgentDirs(dataDir: string, user?: string): AgentDirs {
  const dirs = agentDirsOf(dataDir, user);
  for (const dir of [dirs.cwd, dirs.config]) mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dirs;
}

/** Where those directories are, without making them. */
export function agentDirsOf(dataDir: string, user?: string): AgentDirs {
  const root = user === undefined ? join(resolve(dataDir), 'agent') : join(usersAgentRoot(dataDir), dirName(user));
  return { cwd: join(root, 'workdir'), home: join(root, 'home'), config: join(root, 'home', '.claude') };
}

/** The config dir of every user that has agent directories. */
export function allUserConfigDirs(dataDir: string): string[] {
  const root = usersAgentRoot(dataDir);
  return list(root).map((name) => join(root, name, 'home', '.claude'));
}

/**
 * The config dirs of CLI processes that resumed a session from the store: the SDK writes the stored transcript
 * into a private `claude-resume-<random>` directory under the system's temp dir (mode 0700, one per process)
 * and points that CLI there, so its transcript lives there, not in the user's directory.
 */
export function resumeConfigDirs(): string[] {
  const root = tmpdir();
  return list(root)
    .filter((name) => name.startsWith('claude-resume-'))
    .map((name) => join(root, name, '.claude'));
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A user id as a directory name: itself when it is a plain id (a UUID), else a fingerprint of it. */
function dirName(user: string): string {
  return /^[A-Za-z0-9_-]{1,64}$/.test(user) ? user : createHash('sha256').update(user).digest('hex').slice(0, 32);
}
