import type { Row } from '../../db/dataset.ts';
import { CHOICE_SET_BASE_CHOICES } from '../choices/extras-choices.ts';
import { requestFilters } from '../core/request-filters.ts';
import { defineModel } from '../define-model.ts';
import { field } from '../field.ts';
import { filter } from '../filter.ts';
import { ownerFilters } from '../users/owner-filters.ts';

/** `extra_choices` as `[value, label]` pairs; a PostgreSQL 2-D text array arrives as nested arrays. */
function extraChoices(row: Row): [unknown, unknown][] {
  const raw = Array.isArray(row.extra_choices) ? (row.extra_choices as unknown[]) : [];
  return raw.filter((pair): pair is [unknown, unknown] => Array.isArray(pair) && pair.length === 2);
}

/** `choice_colors` (NetBox 4.6): colour per choice value; older data has none. */
function choiceColors(row: Row): Record<string, unknown> {
  const raw = row.choice_colors;
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

export const customFieldChoiceSet = defineModel({
  key: 'extras.customfieldchoiceset',
  path: 'custom-field-choice-sets',
  table: 'extras_customfieldchoiceset',
  schemaName: 'CustomFieldChoiceSet',
  verboseName: 'custom field choice set',
  fields: [
    field.id(),
    field.url(),
    field.displayUrl(),
    field.display(),
    field.string('name'),
    field.string('description'),
    field.choice('base_choices', CHOICE_SET_BASE_CHOICES, { nullable: true }),
    field.computed('extra_choices', { type: 'array', items: { type: 'array', items: {} } }, extraChoices),
    field.computed('choice_colors', { type: 'object' }, choiceColors),
    field.boolean('order_alphabetically'),
    // The sandbox has no copy of the IATA/ISO/UN-LOCODE lists, so base choices are not counted.
    field.countBy('choices_count', (row) => extraChoices(row).length),
    field.fk('owner', 'users.owner', { nullable: true }),
    field.datetime('created', { nullable: true }),
    field.datetime('last_updated', { nullable: true }),
  ],
  brief: ['id', 'url', 'display', 'name', 'description', 'choices_count'],
  filters: [
    filter.custom('choice', (row, values) => extraChoices(row).some(([value]) => values.includes(String(value)))),
    filter.custom('choice_colors', (row, values) => {
      return Object.values(choiceColors(row)).some((c) => values.includes(String(c)));
    }),
    ...ownerFilters(),
    ...requestFilters('extras.customfieldchoiceset'),
  ],
  search: ['name', 'description'],
});
