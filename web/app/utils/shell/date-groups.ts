/** Something with a last-activity time, as the conversation list has. */
export interface Dated {
  readonly updatedAt: string;
}

export interface DateGroup<T extends Dated> {
  /** Stable across renders: `today`, `yesterday`, `week`, `month`, or `YYYY-MM`. */
  readonly key: string;
  readonly label: string;
  readonly items: T[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight of the local calendar day: "Yesterday" means the calendar day before, not 24 hours ago. */
function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Days between two local calendar days, robust to daylight-saving days of 23 or 25 hours. */
function calendarDaysBetween(earlier: Date, later: Date): number {
  return Math.round((startOfDay(later) - startOfDay(earlier)) / DAY_MS);
}

/**
 * Conversations grouped as chat apps do: Today, Yesterday, Previous 7 days, Previous 30 days, then one group per
 * month ("March 2026"), newest first in each group. Times in the future (a skewed clock) count as today; an
 * unreadable time goes last, in "Older".
 */
export function groupByDate<T extends Dated>(items: readonly T[], now: Date = new Date(), locale = 'en-US'): DateGroup<T>[] {
  const groups = new Map<string, DateGroup<T>>();
  const add = (key: string, label: string, item: T) => {
    let group = groups.get(key);
    if (!group) {
      group = { key, label, items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  };
  const monthLabel = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' });
  const sorted = [...items].sort((a, b) => time(b) - time(a));
  for (const item of sorted) {
    const at = new Date(item.updatedAt);
    if (Number.isNaN(at.getTime())) {
      add('older', 'Older', item);
      continue;
    }
    const days = calendarDaysBetween(at, now);
    if (days <= 0) add('today', 'Today', item);
    else if (days === 1) add('yesterday', 'Yesterday', item);
    else if (days <= 7) add('week', 'Previous 7 days', item);
    else if (days <= 30) add('month', 'Previous 30 days', item);
    else add(`${at.getFullYear()}-${String(at.getMonth() + 1).padStart(2, '0')}`, monthLabel.format(at), item);
  }
  // Insertion order follows the sort, so the groups come out newest first; "older" is last by construction.
  return [...groups.values()];
}

function time(item: Dated): number {
  const t = new Date(item.updatedAt).getTime();
  return Number.isNaN(t) ? Number.NEGATIVE_INFINITY : t;
}
