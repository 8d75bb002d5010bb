import { summarizeChange, type ChangeRecord, type SummaryLookups } from '../format/change-summary.ts';
import type { Catalog } from '../schema/catalog.ts';
import type { ToolContext } from './tool-context.ts';
import { lookupNames, nameKey } from './lookup-names.ts';

export interface ChangeSummaries {
  /** One line per change, in the order given: `status: planned→active; site: CHI-DC1→FRA-DC1`. */
  readonly summaries: string[];
  /** The NetBox requests that looked up referenced names. */
  readonly queries: string[];
  /** Types whose names could not be looked up, with the error code. */
  readonly failures: string[];
}

/**
 * Summaries of several changes with the objects their snapshots reference (as ids) named: a first pass only
 * collects the ids, so all names come in one request per referenced type.
 */
export async function summarizeChanges(ctx: ToolContext, catalog: Catalog, changes: readonly ChangeRecord[], maxFields?: number): Promise<ChangeSummaries> {
  const fkTarget = (objectType: string, field: string): string | undefined => {
    const info = catalog.find(objectType)?.fields.get(field);
    return info && (info.kind === 'fk' || info.kind === 'many') ? info.target : undefined;
  };
  const wanted = new Map<string, Set<number>>();
  const recorder: SummaryLookups = {
    fkTarget,
    nameOf(target, id) {
      let ids = wanted.get(target);
      if (!ids) wanted.set(target, (ids = new Set()));
      ids.add(id);
      return undefined;
    },
  };
  for (const change of changes) summarizeChange(change, recorder, maxFields);
  const looked = await lookupNames(ctx, catalog, wanted);
  const lookups: SummaryLookups = { fkTarget, nameOf: (target, id) => looked.names.get(nameKey(target, id)) };
  return { summaries: changes.map((change) => summarizeChange(change, lookups, maxFields)), queries: looked.queries, failures: looked.failures };
}
