import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resumeConfigDirs } from './agent-dirs.ts';

/**
 * The CLI's own copy of a transcript: `<config>/projects/<cwd as a name>/<session id>.jsonl`, with a folder of
 * the same name for subagent transcripts. The store holds the copy every process resumes from; these are what
 * one process's CLI wrote on its disk.
 */
const SESSION_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\.jsonl)?$/i;

export interface LocalSession {
  readonly sessionId: string;
  readonly path: string;
  readonly mtimeMs: number;
}

/** Every session file and folder in a CLI config dir's projects. */
export function localSessions(configDir: string): LocalSession[] {
  const projects = join(configDir, 'projects');
  const found: LocalSession[] = [];
  for (const project of list(projects)) {
    for (const name of list(join(projects, project))) {
      const sessionId = SESSION_FILE.exec(name)?.[1];
      if (!sessionId) continue;
      const path = join(projects, project, name);
      try {
        found.push({ sessionId: sessionId.toLowerCase(), path, mtimeMs: statSync(path).mtimeMs });
      } catch {
        // Removed meanwhile.
      }
    }
  }
  return found;
}

/** Deletes these sessions' files from a CLI config dir; returns how many files and folders went. */
export function removeSessionFiles(configDir: string, sessionIds: Iterable<string>): number {
  const ids = new Set([...sessionIds].map((id) => id.toLowerCase()));
  let removed = 0;
  for (const session of localSessions(configDir)) {
    if (!ids.has(session.sessionId)) continue;
    rmSync(session.path, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** The private directories (`claude-resume-*`) holding a copy of this session's transcript, by their root. */
export function resumeCopies(sessionId: string): string[] {
  const id = sessionId.toLowerCase();
  return resumeConfigDirs()
    .filter((configDir) => localSessions(configDir).some((session) => session.sessionId === id))
    .map((configDir) => dirname(configDir));
}

/**
 * Watches for the private copy the SDK makes when a CLI process resumes a session, and deletes it once that
 * process has ended (the SDK leaves it behind; it is then only a stale duplicate of the store's). Only the
 * copies that appeared while this process started are its own: another process on the same machine may hold a
 * copy of the same session, made later, that must stay.
 */
export class ResumeCopy {
  private readonly before: ReadonlySet<string>;
  private mine: string[] = [];
  private readonly sessionId: string;

  constructor(sessionId: string) {
    this.sessionId = sessionId;
    this.before = new Set(resumeCopies(sessionId));
  }

  /** Call once the process runs: the SDK made its copy before starting it. */
  started(): void {
    this.mine = resumeCopies(this.sessionId).filter((dir) => !this.before.has(dir));
  }

  remove(): void {
    for (const dir of this.mine) rmSync(dir, { recursive: true, force: true });
    this.mine = [];
  }
}
