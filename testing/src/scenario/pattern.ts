/**
 * A scenario pattern: `/body/flags` as written, or a bare body matched case-insensitively, because people
 * type questions in any case.
 */
export function compilePattern(pattern: string): RegExp {
  const literal = /^\/(.*)\/([dimsuvy]*)$/s.exec(pattern);
  return literal ? new RegExp(literal[1] ?? '', literal[2]) : new RegExp(pattern, 'i');
}

/** The reason a pattern does not compile, or null. */
export function patternError(pattern: string): string | null {
  try {
    compilePattern(pattern);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
