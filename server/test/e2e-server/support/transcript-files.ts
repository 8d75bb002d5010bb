import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';

/** Every CLI transcript file (`<session id>.jsonl`) under a server's data directory, relative to it. */
export function transcriptFiles(dataDir: string): string[] {
  return jsonlUnder(join(dataDir, 'agent'))
    .map((file) => relative(dataDir, file))
    .sort();
}

/**
 * Every copy of a session's transcript the CLI wrote on this machine: under servers' data directories, and in
 * the private directories the SDK makes under the temp dir for a CLI that resumes a session from the store.
 */
export function transcriptCopies(sessionId: string, dataDirs: readonly string[]): string[] {
  const resumeDirs = readdirSync(tmpdir())
    .filter((name) => name.startsWith('claude-resume-'))
    .map((name) => join(tmpdir(), name, '.claude'));
  return [...dataDirs.map((dir) => join(dir, 'agent')), ...resumeDirs].flatMap(jsonlUnder).filter((file) => basename(file) === `${sessionId}.jsonl`);
}

function jsonlUnder(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/^[0-9a-f-]{36}\.jsonl$/.test(entry.name) && path.includes(join('.claude', 'projects'))) found.push(path);
    }
  };
  walk(root);
  return found;
}
