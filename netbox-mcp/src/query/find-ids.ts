import type { QueryScalar } from '../client/query-string.ts';
import { NetboxMcpError } from '../errors.ts';
import type { ObjectType } from '../schema/object-type.ts';
import type { ToolContext } from './tool-context.ts';

/** The ids of the objects a filter selects, for filters NetBox cannot apply across a relation itself. */
export async function findIds(ctx: ToolContext, type: ObjectType, params: Record<string, QueryScalar[]>, max: number): Promise<number[]> {
  const page = await ctx.client.list<{ id: number }>(type.listPath, { ...params, fields: 'id', limit: max });
  if (page.count > max) {
    throw new NetboxMcpError('TOO_MANY_MATCHES', `That related filter selects ${page.count} ${type.key} objects (at most ${max} can be expanded).`, {
      hint: 'Narrow it with another filter, or filter directly on a field of this object type.',
    });
  }
  return page.results.map((row) => row.id);
}
