import { describe, expect, it } from 'vitest';
import { groupByDate } from '../../app/utils/shell/date-groups';

/** A local time, so the tests mean the same calendar days in every time zone. */
function local(y: number, m: number, d: number, h = 12, min = 0): string {
  return new Date(y, m - 1, d, h, min).toISOString();
}

const now = new Date(2026, 10, 20, 9, 30); // 20 November 2026, 09:30 local

function labels(items: Array<{ id: string; updatedAt: string }>) {
  return groupByDate(items, now).map((g) => [g.label, g.items.map((i) => i.id)]);
}

describe('groupByDate', () => {
  it('groups by calendar day, then by month, newest first', () => {
    const items = [
      { id: 'old-month', updatedAt: local(2026, 9, 2) },
      { id: 'today-early', updatedAt: local(2026, 11, 20, 0, 5) },
      { id: 'yesterday-late', updatedAt: local(2026, 11, 19, 23, 59) },
      { id: 'six-days', updatedAt: local(2026, 11, 14) },
      { id: 'seven-days', updatedAt: local(2026, 11, 13) },
      { id: 'eight-days', updatedAt: local(2026, 11, 12) },
      { id: 'thirty-days', updatedAt: local(2026, 10, 21) },
      { id: 'today-late', updatedAt: local(2026, 11, 20, 9, 0) },
      { id: 'last-year', updatedAt: local(2025, 12, 31) },
      { id: 'thirty-one-days', updatedAt: local(2026, 10, 20) },
    ];
    expect(labels(items)).toEqual([
      ['Today', ['today-late', 'today-early']],
      ['Yesterday', ['yesterday-late']],
      ['Previous 7 days', ['six-days', 'seven-days']],
      ['Previous 30 days', ['eight-days', 'thirty-days']],
      ['October 2026', ['thirty-one-days']],
      ['September 2026', ['old-month']],
      ['December 2025', ['last-year']],
    ]);
  });

  it('counts calendar days, not 24-hour periods: 23:59 yesterday is yesterday at 00:01 today', () => {
    const justAfterMidnight = new Date(2026, 10, 20, 0, 1);
    const groups = groupByDate([{ id: 'a', updatedAt: local(2026, 11, 19, 23, 59) }], justAfterMidnight);
    expect(groups.map((g) => g.key)).toEqual(['yesterday']);
  });

  it('puts a time in the future under Today and an unreadable one last, under Older', () => {
    const groups = groupByDate(
      [
        { id: 'bad', updatedAt: 'not a date' },
        { id: 'future', updatedAt: local(2026, 11, 22) },
        { id: 'month', updatedAt: local(2026, 3, 1) },
      ],
      now,
    );
    expect(groups.map((g) => [g.key, g.items.map((i) => i.id)])).toEqual([
      ['today', ['future']],
      ['2026-03', ['month']],
      ['older', ['bad']],
    ]);
  });

  it('gives no groups for no conversations, and keeps the input unchanged', () => {
    expect(groupByDate([], now)).toEqual([]);
    const items = [
      { id: 'b', updatedAt: local(2026, 11, 1) },
      { id: 'a', updatedAt: local(2026, 11, 20) },
    ];
    groupByDate(items, now);
    expect(items.map((i) => i.id)).toEqual(['b', 'a']);
  });
});
