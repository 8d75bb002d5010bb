import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { ConfigError } from './config-error.ts';

/**
 * The variables of a `.env` file, or none when there is no such file. Node's own parser (`util.parseEnv`, the
 * one behind `node --env-file`): pure, so nothing lands in `process.env` and the caller decides who wins.
 */
export function readEnvFile(path: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return {};
    const why = code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code ?? 'unknown error';
    throw new ConfigError([`${path} cannot be read (${why}): make it a readable file of NAME=value lines, or remove it`]);
  }
  const parsed = parseEnv(text);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed)) if (value !== undefined) values[name] = value;
  return values;
}
