import type { Row } from '../../db/dataset.ts';
import { CIRCUIT_DISTANCE_UNIT, CIRCUIT_STATUS } from '../choices/circuits-choices.ts';
import { CONTACT_PRIORITY } from '../choices/tenancy-choices.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field, headFields, tailFields } from '../field.ts';
import { filter } from '../filter.ts';
import type { ApiContext } from '../model-def.ts';
import { contactFilters } from '../tenancy/contact-filters.ts';
import { tenancyFilters } from '../tenancy/tenancy-filters.ts';
import { ownerFilters } from '../users/owner-filters.ts';
import { circuitTerminations, terminationSiteFilters } from './termination-sites.ts';

/** CircuitCircuitTerminationSerializer: how a circuit shows its A and Z ends. */
const TERMINATION_FIELDS = [
  'id',
  'url',
  'display_url',
  'display',
  'termination_type',
  'termination_id',
  'termination',
  'port_speed',
  'upstream_speed',
  'xconnect_id',
  'description',
];

/** Group assignments of a circuit; before 4.2's generic `member` they pointed at `circuit_id`. */
function assignments(row: Row, ctx: ApiContext): Row[] {
  const typeId = ctx.db.contentTypeId('circuits.circuit');
  return ctx.db
    .where('circuits_circuitgroupassignment', 'member_id', row.id)
    .filter((a) => a.member_type_id === typeId)
    .concat(ctx.db.where('circuits_circuitgroupassignment', 'circuit_id', row.id));
}

/** BriefCircuitGroupAssignmentSerializer_: the group and priority of each of the circuit's group assignments. */
function assignmentsField(row: Row, ctx: ApiContext): Record<string, unknown>[] {
  return assignments(row, ctx).map((a) => {
    const group = ctx.nested('circuits.circuitgroup', a.group_id as number);
    const priority = typeof a.priority === 'string' && a.priority !== '' ? a.priority : null;
    return {
      id: Number(a.id),
      url: `${ctx.baseUrl}/api/circuits/circuit-group-assignments/${String(a.id)}/`,
      display: `${String(group?.display ?? '')} (${String(row.cid)})`,
      group,
      priority: priority === null ? null : { value: priority, label: CONTACT_PRIORITY.find(([v]) => v === priority)?.[1] ?? priority },
    };
  });
}

const nameOf = (ctx: ApiContext, table: string, id: unknown, column = 'name'): string | null => {
  const row = ctx.db.get(table, id);
  return row ? String(row[column]) : null;
};

export const circuit = defineModel({
  key: 'circuits.circuit',
  path: 'circuits',
  table: 'circuits_circuit',
  schemaName: 'Circuit',
  fields: [
    ...headFields(),
    field.string('cid'),
    field.fk('provider', 'circuits.provider'),
    field.fk('provider_account', 'circuits.provideraccount', { nullable: true }),
    field.fk('type', 'circuits.circuittype'),
    field.choice('status', CIRCUIT_STATUS),
    field.fk('tenant', 'tenancy.tenant', { nullable: true }),
    field.date('install_date', { nullable: true }),
    field.date('termination_date', { nullable: true }),
    field.integer('commit_rate', { nullable: true }),
    field.string('description'),
    field.number('distance', { nullable: true }),
    field.choice('distance_unit', CIRCUIT_DISTANCE_UNIT, { nullable: true }),
    field.fk('termination_a', 'circuits.circuittermination', { nullable: true, nested: TERMINATION_FIELDS }),
    field.fk('termination_z', 'circuits.circuittermination', { nullable: true, nested: TERMINATION_FIELDS }),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
    ...tailFields(),
    field.computed(
      'assignments',
      { type: 'array', items: { $ref: '#/components/schemas/BriefCircuitGroupAssignmentSerializer_' } },
      assignmentsField,
    ),
  ],
  brief: ['id', 'url', 'display', 'provider', 'cid', 'description'],
  display: (row) => String(row.cid),
  // Meta.ordering ('provider', 'provider_account', 'cid'): relations by their own ordering.
  ordering: ['provider', 'provider_account', 'cid', 'id'],
  sortKeys: {
    provider: (row, ctx) => nameOf(ctx, 'circuits_provider', row.provider_id),
    provider_account: (row, ctx) => nameOf(ctx, 'circuits_provideraccount', row.provider_account_id, 'account'),
  },
  filters: [
    filter.model('provider_account', 'circuits.provideraccount', 'account', (row) => row.provider_account_id),
    filter.model('provider_network_id', 'circuits.providernetwork', 'id', (row, ctx) =>
      circuitTerminations(row, ctx).map((t) => t._provider_network_id),
    ),
    ...terminationSiteFilters(circuitTerminations, { location: true }),
    filter.custom('q', (row, values, ctx) => {
      const raw = values[values.length - 1] ?? '';
      if (raw.trim() === '') return true;
      const q = raw.toLowerCase();
      const ends = circuitTerminations(row, ctx).flatMap((t) => [t.xconnect_id, t.pp_info, t.description]);
      const texts = [row.cid, row.description, row.comments, ...ends];
      return texts.some((t) => String(t ?? '').toLowerCase().includes(q));
    }),
    ...tenancyFilters(),
    ...contactFilters('circuits.circuit'),
    ...ownerFilters(),
    ...requestFilters('circuits.circuit'),
  ],
  search: [],
});
