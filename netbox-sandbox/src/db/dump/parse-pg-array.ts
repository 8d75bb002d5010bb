/**
 * PostgreSQL writes array values as `{a,"b c",NULL}` (nested for more dimensions: `{{1,2},{3,4}}`). The
 * elements come back as text, or null for an unquoted NULL, so the caller can convert them with the
 * element type just like scalar column values.
 */
export type PgArray = (string | null | PgArray)[];

/** Parses an array literal as PostgreSQL's array output produces it; throws a SyntaxError if it is not one. */
export function parsePgArray(text: string): PgArray {
  // Arrays whose lower bound is not 1 carry a `[0:2]=` prefix; JSON arrays have no bounds to keep.
  const start = text.startsWith('[') ? text.indexOf('=') + 1 : 0;
  const parser = new ArrayParser(text, start);
  const result = parser.parseArray();
  parser.expectEnd();
  return result;
}

class ArrayParser {
  private pos: number;

  private readonly text: string;

  constructor(
    text: string,
    start: number,
  ) {
    this.text = text;
    this.pos = start;
  }

  parseArray(): PgArray {
    this.expect('{');
    const items: PgArray = [];
    this.skipSpace();
    if (this.peek() === '}') {
      this.pos += 1;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.parseElement());
      this.skipSpace();
      const ch = this.peek();
      this.pos += 1;
      if (ch === '}') return items;
      if (ch !== ',') throw this.error(`expected "," or "}"`);
    }
  }

  expectEnd(): void {
    if (this.pos !== this.text.length) throw this.error('unexpected text after the closing "}"');
  }

  private parseElement(): string | null | PgArray {
    const ch = this.peek();
    if (ch === '{') return this.parseArray();
    if (ch === '"') return this.parseQuoted();
    return this.parseUnquoted();
  }

  private parseQuoted(): string {
    this.pos += 1;
    let out = '';
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) throw this.error('unterminated quoted element');
      this.pos += 1;
      if (ch === '"') return out;
      if (ch === '\\') {
        const escaped = this.text[this.pos];
        if (escaped === undefined) throw this.error('unterminated quoted element');
        out += escaped;
        this.pos += 1;
      } else {
        out += ch;
      }
    }
  }

  private parseUnquoted(): string | null {
    let out = '';
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch === ',' || ch === '}') break;
      if (ch === '\\') {
        const escaped = this.text[this.pos + 1];
        if (escaped === undefined) throw this.error('dangling backslash');
        out += escaped;
        this.pos += 2;
      } else {
        out += ch;
        this.pos += 1;
      }
    }
    const value = out.trim();
    if (value === '') throw this.error('empty unquoted element');
    // Only the unquoted word NULL is a null element; `"NULL"` is the four-letter string.
    return value.toUpperCase() === 'NULL' ? null : value;
  }

  private expect(ch: string): void {
    if (this.peek() !== ch) throw this.error(`expected "${ch}"`);
    this.pos += 1;
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    while (this.text[this.pos] === ' ') this.pos += 1;
  }

  private error(problem: string): SyntaxError {
    return new SyntaxError(`malformed array literal ${JSON.stringify(this.text)}: ${problem} at offset ${this.pos}`);
  }
}
