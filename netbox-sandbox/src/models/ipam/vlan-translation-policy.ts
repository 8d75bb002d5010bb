import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { tagFilters } from '../extras/tag-filters.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters } from '../users/owner-filters.ts';

export const vlanTranslationPolicy = defineModel({
  key: 'ipam.vlantranslationpolicy',
  path: 'vlan-translation-policies',
  table: 'ipam_vlantranslationpolicy',
  schemaName: 'VLANTranslationPolicy',
  verboseName: 'VLAN translation policy',
  fields: [
    field.id(),
    field.url(),
    field.display(),
    field.string('name'),
    field.string('description'),
    // Rules are shown whole, their `policy` as a bare id.
    field.computed('rules', { type: 'array', items: { $ref: '#/components/schemas/VLANTranslationRule' } }, (row, ctx) =>
      ctx.db
        .where('ipam_vlantranslationrule', 'policy_id', row.id)
        .map((rule) => ({
          id: Number(rule.id),
          url: `${ctx.baseUrl}/api/ipam/vlan-translation-rules/${String(rule.id)}/`,
          display: `${String(rule.local_vid)} -> ${String(rule.remote_vid)}`,
          policy: Number(rule.policy_id),
          local_vid: rule.local_vid,
          remote_vid: rule.remote_vid,
          description: rule.description ?? '',
        }))
        .sort((a, b) => Number(a.local_vid) - Number(b.local_vid) || Number(a.remote_vid) - Number(b.remote_vid)),
    ),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.string('comments'),
  ],
  brief: ['id', 'url', 'display', 'name', 'description'],
  // The serializer has no tags or timestamps, but the filterset (a PrimaryModelFilterSet) does.
  filters: [
    filter.datetime('created'),
    filter.datetime('last_updated'),
    ...tagFilters('ipam.vlantranslationpolicy'),
    ...ownerFilters(),
    ...requestFilters('ipam.vlantranslationpolicy'),
  ],
  search: ['name', 'description'],
});
