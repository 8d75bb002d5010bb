/**
 * Why the server will not start. Each problem is one line that names the variable (or file) and says how to
 * fix it; none quotes a secret, so the message can go to the console and the log as it is.
 */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const heading =
      problems.length === 1
        ? 'The server cannot start: fix this setting (in the environment or .env):'
        : `The server cannot start: fix these ${problems.length} problems (in the environment or .env):`;
    super([heading, ...problems.map((problem) => `  - ${problem}`)].join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}
