import type { Page } from '../client/netbox-client.ts';
import type { QueryParams } from '../client/query-string.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';
import { listAll } from './list-all.ts';
import { pathOf } from '../client/api-path.ts';

/** NetBox requests of one tool call, recorded as they are made, for the result's `queries`. */
export class QueryLog {
  readonly paths: string[] = [];
  readonly #ctx: ToolContext;

  constructor(ctx: ToolContext) {
    this.#ctx = ctx;
  }

  get<T>(path: string, params?: QueryParams): Promise<T> {
    this.#record(path, params);
    return this.#ctx.client.get<T>(path, params);
  }

  list<T = Record<string, unknown>>(path: string, params?: QueryParams): Promise<Page<T>> {
    this.#record(path, params);
    return this.#ctx.client.list<T>(path, params);
  }

  /** Every page; the first page's request stands for the rest. */
  all<T = Record<string, unknown>>(type: ObjectType, params: QueryParams, max?: number): Promise<T[]> {
    this.#record(type.listPath, { ...params, limit: 1000, offset: 0 });
    return listAll<T>(this.#ctx, type, params, max).then((r) => r.results);
  }

  #record(path: string, params?: QueryParams): void {
    this.paths.push(pathOf(this.#ctx.client.apiUrl(path, params)));
  }
}
