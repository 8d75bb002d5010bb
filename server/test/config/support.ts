import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { ConfigError, loadConfig, type Config } from '../../src/config/index.ts';

/** A fresh temporary folder per call, removed after the file's tests. */
export function useTempDirs(): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatbox-config-'));
    made.push(dir);
    return dir;
  };
}

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

/** loadConfig with no .env, from a folder that is not the repository, so a developer's own .env never leaks in. */
export function load(env: Record<string, string | undefined>, cwd = '/nonexistent/chatbox'): Config {
  return loadConfig(env, { cwd, envFile: null });
}

/** The problems loadConfig reports; fails the test when it does not throw a ConfigError. */
export function problems(env: Record<string, string | undefined>, cwd?: string): readonly string[] {
  try {
    load(env, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

export const V1_TOKEN = '0123456789abcdef0123456789abcdef01234567';
export const SECRET = 'x'.repeat(40);
