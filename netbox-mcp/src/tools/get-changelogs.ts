import { z } from 'zod';
import type { Page } from '../client/netbox-client.ts';
import type { QueryParams } from '../client/query-string.ts';
import { NetboxMcpError } from '../errors.ts';
import { compactSnapshot } from '../format/change-summary.ts';
import { compactValue } from '../format/compact-value.ts';
import { NameLinks, namesPart } from '../format/name-links.ts';
import { renderChanges, type ChangeRow } from '../format/render-changes.ts';
import { choiceValue } from '../format/choice-value.ts';
import { buildChangeQuery, type ChangeQuery } from '../query/change-query.ts';
import { fanOut } from '../query/fan-out.ts';
import { pathOf } from '../client/api-path.ts';
import { resolveObject } from '../query/resolve-object.ts';
import { summarizeChanges } from '../query/summarize-changes.ts';
import { describeWindow } from '../query/time-window.ts';
import type { Catalog } from '../schema/catalog.ts';
import type { ToolContext } from '../query/tool-context.ts';
import { boolArg, intArg, nameOrIdArg, objectArg } from './common-input.ts';
import { defineTool } from './tool-definition.ts';
import { textResult } from '../result/tool-result.ts';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 200;

type Change = Record<string, unknown> & { id: number };

export const getChangelogsTool = defineTool({
  name: 'netbox_get_changelogs',
  title: 'NetBox change log',
  description:
    'NetBox change log: who changed what and when, newest first. Narrow to one object (object_type + object name or id), a user, ' +
    'an action (create/update/delete) or a window (since/until: ISO time or 24h, 7d, 2w, 1mo). Rows show changed fields old→new; ' +
    'snapshots=true adds full before/after data.',
  input: {
    object_type: z.string().min(1).optional().describe('Only changes to this type, e.g. dcim.device'),
    object: nameOrIdArg().optional().describe('Name or id of one object of object_type'),
    user: z.string().optional().describe('Username who made the changes'),
    action: z.string().optional().describe('create, update or delete (comma list ok)'),
    since: z.string().optional().describe('From: ISO date/time or age like 24h, 7d, 2w, 1mo'),
    until: z.string().optional().describe('To (default now): ISO date/time or age'),
    filters: objectArg().optional().describe('More core.objectchange filters, e.g. {"request_id":"…"}'),
    limit: intArg(1, MAX_LIMIT).optional().describe('Rows (default 25, max 200)'),
    offset: intArg(0, 1e9).optional(),
    snapshots: boolArg().optional().describe('Add full before/after data of each change'),
  },
  async handler(args, ctx) {
    const now = new Date();
    const catalog = await ctx.catalog();
    const query = await buildChangeQuery(ctx, args, now);
    const listPath = query.changeType.listPath;
    const limit = clampInt(args.limit ?? query.control.limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
    const offset = clampInt(args.offset ?? query.control.offset, 0, Number.MAX_SAFE_INTEGER, 0);
    const params = { ...query.params, limit, offset, ordering: String(query.control.ordering ?? '-time') };
    const related = relatedParams(query);
    const queries = query.empty ? [] : [pathOf(ctx.client.apiUrl(listPath, params))];
    if (related) queries.push(pathOf(ctx.client.apiUrl(listPath, related)));

    const [main, components] = await fanOut([query.empty ? null : params, related], ctx.limits.fanOut, (p) =>
      p ? ctx.client.list<Change>(listPath, p) : Promise.resolve<Page<Change>>({ count: 0, next: null, previous: null, results: [] }),
    );
    if (!main!.ok) throw main!.error;
    const page = main!.value;
    if (page.count === 0) await explainEmpty(ctx, catalog, query, args.user);

    const extra: string[] = [];
    if (query.object && components) {
      if (!components.ok) extra.push(`Changes to its components not counted (${codeOf(components.error)}).`);
      else if (components.value.count > 0) {
        extra.push(
          `Also ${components.value.count} change${components.value.count === 1 ? '' : 's'} to its components (interfaces, IPs…) ${describeWindow(query.window)}: ` +
            `call with filters ${JSON.stringify({ related_object_type: query.objectType!.key, related_object_id: query.object.id })} and no object_type/object.`,
        );
      }
    }

    const { rows, lookupQueries, failures } = await changeRows(ctx, catalog, page.results, args.snapshots === true);
    queries.push(...lookupQueries);
    extra.push(...failures);

    const uiList = `/${query.changeType.app}/changelog/`;
    const view = renderChanges({
      title: title(query, args),
      count: page.count,
      offset,
      rows,
      columns: ['id', 'time', 'user', 'action', ...(query.objectType ? [] : ['type' as const]), ...(query.object || query.missing ? [] : ['object' as const]), 'changes'],
      notes: query.notes,
      extra,
      listUrl: ctx.client.uiUrl(uiList, query.params),
      objectUrlTemplate: `${ctx.client.uiUrl(uiList)}{id}/`,
      objectChangelogUrl: query.object ? ctx.client.uiUrl(`${query.objectType!.listPath}${query.object.id}/changelog/`) : undefined,
      budget: ctx.limits.maxResultChars,
    });
    // Names link to the changed objects as they are now; a deleted one (no changed_object) has no page to open.
    const names = new NameLinks();
    if (query.object && query.objectType) names.add(query.object.display, ctx.client.uiUrl(`${query.objectType.listPath}${query.object.id}/`));
    for (const change of page.results.slice(0, view.shown)) names.addNested(change.changed_object, (p) => ctx.client.uiUrl(p));
    return textResult(view.text, {
      queries,
      rows: view.shown,
      total: page.count,
      truncated: view.truncated,
      links: { ...view.links, ...namesPart(names) },
    });
  },
});

/** Changes to an object's components (an interface of a device) are recorded against the object as related. */
function relatedParams(query: ChangeQuery): QueryParams | undefined {
  if (!query.object || !query.objectType || query.empty) return undefined;
  const { changed_object_type: _type, changed_object_id: _id, ...rest } = query.params;
  return { ...rest, related_object_type: query.objectType.key, related_object_id: query.object.id, limit: 1, fields: 'id' };
}

/**
 * An empty answer must not hide a typo: an object unknown now and absent from the log, or a user who does not
 * exist, is an error with suggestions rather than "no changes".
 */
async function explainEmpty(ctx: ToolContext, catalog: Catalog, query: ChangeQuery, user: string | undefined): Promise<void> {
  if (query.missing) {
    throw new NetboxMcpError('OBJECT_NOT_FOUND', `${query.missing.message} The change log has no records of it ${describeWindow(query.window)} either.`, {
      ...(query.missing.hint ? { hint: query.missing.hint } : {}),
    });
  }
  const users = catalog.find('users.user');
  if (!user?.trim() || !users) return;
  try {
    await resolveObject(ctx, users, user.trim());
  } catch (error) {
    // Only "no such user" matters; a token that may not list users just gets the empty answer.
    if (error instanceof NetboxMcpError && error.code === 'OBJECT_NOT_FOUND') throw error;
  }
}

async function changeRows(
  ctx: ToolContext,
  catalog: Catalog,
  changes: readonly Change[],
  snapshots: boolean,
): Promise<{ rows: ChangeRow[]; lookupQueries: string[]; failures: string[] }> {
  const { summaries, queries, failures } = await summarizeChanges(ctx, catalog, changes);
  const rows = changes.map(
    (change, index): ChangeRow => ({
      id: change.id,
      time: shortTime(change.time),
      user: String(change.user_name ?? compactValue(change.user) ?? ''),
      action: choiceValue(change.action),
      type: String(change.changed_object_type ?? ''),
      object: objectLabel(change),
      changes: summaries[index] ?? '',
      ...(snapshots ? { before: compactSnapshot(change.prechange_data), after: compactSnapshot(change.postchange_data) } : {}),
    }),
  );
  return { rows, lookupQueries: queries, failures };
}

/** The object as it is now (an interface with its device), or as recorded when it is gone. */
function objectLabel(change: Change): string {
  const now = compactValue(change.changed_object);
  const name = now ?? compactValue(change.object_repr) ?? '';
  return typeof change.changed_object_id === 'number' ? `${name} #${change.changed_object_id}` : String(name);
}

function title(query: ChangeQuery, args: { object?: string | number | undefined }): string {
  const key = query.objectType?.key;
  const given = String(args.object ?? '').trim();
  let scope = key ? `${key} objects` : 'all objects';
  if (query.object) scope = `${key} ${given === '' || /^#?\d+$/.test(given) ? query.object.display : given} (#${query.object.id})`;
  else if (query.missing) scope = `${key} ${given} (not in NetBox now)`;
  const where = query.otherFilters.length ? ` where ${query.otherFilters.join(', ')}` : '';
  const by = query.user ? ` by ${query.user}` : '';
  const actions = query.actions.length ? ` (${query.actions.join(', ')})` : '';
  return `changes to ${scope}${where}${by}${actions} ${describeWindow(query.window)}`;
}

function shortTime(value: unknown): string {
  const time = Date.parse(String(value));
  return Number.isNaN(time) ? String(value ?? '') : `${new Date(time).toISOString().slice(0, 19)}Z`;
}

function codeOf(error: unknown): string {
  return error instanceof NetboxMcpError ? error.code : 'INTERNAL_ERROR';
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === undefined || value === null || value === '' || !Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(n)));
}
