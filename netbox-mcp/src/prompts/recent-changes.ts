import { z } from 'zod';
import { definePrompt, quoted } from './prompt-definition.ts';

const DEFAULT_DAYS = '7';

export const recentChangesPrompt = definePrompt({
  name: 'recent_changes',
  title: 'Recent changes',
  description: 'Who changed what in NetBox over the last days, for everything or for one object.',
  args: {
    days: z.string().regex(/^\s*\d{1,4}\s*$/, 'a whole number of days').optional().describe('How many days back (default 7)'),
    object: z.string().min(1).optional().describe('Only changes to this object (name), e.g. a device'),
  },
  text: ({ days, object }) => {
    const since = `${Number(days ?? DEFAULT_DAYS)}d`;
    if (!object?.trim()) {
      return [
        `Summarize the changes made in NetBox in the last ${Number(days ?? DEFAULT_DAYS)} days. Call the tools in this order:`,
        `1. netbox_get_changelogs with since ${quoted(since)} and limit 100. If it says there are more, page with offset only as far as needed to cover the window, ` +
          'or narrow with object_type, user or action.',
        '2. netbox_get_objects or netbox_get_object_by_id only for an object whose change needs context.',
        'Answer grouped by who changed what (user → objects and fields), newest first, with creates and deletes called out.',
      ].join('\n');
    }
    return [
      `Show who changed ${quoted(object)} in NetBox in the last ${Number(days ?? DEFAULT_DAYS)} days. Call the tools in this order:`,
      `1. If its type is not obvious (a device name like sw-01 is dcim.device), find it with netbox_search_objects ${quoted(object)} to learn its object_type.`,
      `2. netbox_get_changelogs with that object_type, object ${quoted(object)} and since ${quoted(since)}. ` +
        'If it mentions changes to the object\'s components (interfaces, IPs), call it once more with the filters it gives.',
      'Answer with each change: when, who, and which fields went from what to what.',
    ].join('\n');
  },
});
