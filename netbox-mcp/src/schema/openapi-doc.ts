/** The parts of NetBox's OpenAPI 3 document (drf-spectacular) the catalog reads. */
export interface SchemaNode {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly items?: SchemaNode;
  readonly allOf?: readonly SchemaNode[];
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly description?: string;
  readonly 'x-spec-enum-id'?: string;
}

export interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly schema?: SchemaNode;
  readonly description?: string;
}

export interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly responses?: Readonly<Record<string, { readonly content?: Readonly<Record<string, { readonly schema?: SchemaNode }>> }>>;
}

export interface OpenApiDoc {
  readonly info?: { readonly version?: string };
  readonly paths: Readonly<Record<string, { readonly get?: Operation }>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, SchemaNode>> };
}
