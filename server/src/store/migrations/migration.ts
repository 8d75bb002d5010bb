/** One step of the schema. Statements run one by one (PGlite's query takes one statement at a time). */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}
