import { NetboxMcpError } from '../errors.ts';

/** A change-log window: both bounds inclusive, as NetBox's `time_after` / `time_before` read them. */
export interface TimeWindow {
  readonly after?: Date;
  readonly before?: Date;
  /** The moment relative bounds were computed against. */
  readonly now: Date;
}

export type WindowEdge = 'since' | 'until';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Units people write after a number ("24h", "7 days", "2w"), in milliseconds; months and years are calendar units. */
const UNITS: Readonly<Record<string, number | 'month' | 'year'>> = {
  m: 60_000, min: 60_000, mins: 60_000, minute: 60_000, minutes: 60_000,
  h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR,
  d: DAY, day: DAY, days: DAY,
  w: 7 * DAY, wk: 7 * DAY, wks: 7 * DAY, week: 7 * DAY, weeks: 7 * DAY,
  mo: 'month', mon: 'month', month: 'month', months: 'month',
  y: 'year', yr: 'year', yrs: 'year', year: 'year', years: 'year',
};

const RELATIVE = /^-?\s*(\d+(?:\.\d+)?)\s*([a-z]+)(?:\s+ago)?$/i;
const ABSOLUTE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export const TIME_FORMS = 'an ISO date or time (2026-10-25, 2026-10-25T14:00Z) or a relative age (24h, 7d, 2w, 1mo)';

/**
 * Reads one bound of a window. Relative ages count back from `now` (the model knows words like "last week",
 * not today's date); a bare date as `until` means the end of that day, which is what people mean by it.
 */
export function parseTimeBound(text: string, edge: WindowEdge, now: Date): Date {
  const input = text.trim();
  const lower = input.toLowerCase();
  if (lower === 'now') return new Date(now.getTime());
  if (lower === 'today' || lower === 'yesterday') {
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - (lower === 'yesterday' ? DAY : 0);
    return new Date(edge === 'until' ? start + DAY : start);
  }
  const relative = RELATIVE.exec(input);
  if (relative) return relativeBound(Number(relative[1]), relative[2]!.toLowerCase(), now, input, edge);
  const absolute = ABSOLUTE.exec(input);
  if (absolute) return absoluteBound(absolute, input, edge);
  throw invalid(edge, input);
}

/** Both bounds, checked against each other. */
export function timeWindow(since: string | undefined, until: string | undefined, now: Date): TimeWindow {
  const after = since === undefined || since.trim() === '' ? undefined : parseTimeBound(since, 'since', now);
  const before = until === undefined || until.trim() === '' ? undefined : parseTimeBound(until, 'until', now);
  if (after && before && after.getTime() > before.getTime()) {
    throw new NetboxMcpError('INVALID_ARGUMENT', `since (${formatUtc(after)}) is after until (${formatUtc(before)}).`, {
      hint: 'Swap them, or leave until out to mean now.',
    });
  }
  return { ...(after ? { after } : {}), ...(before ? { before } : {}), now };
}

/** The form NetBox's DateTimeFromToRangeFilter reads, to the second. */
export function isoParam(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** Short UTC for people and models: minutes unless the bound has seconds. */
export function formatUtc(date: Date): string {
  const iso = date.toISOString();
  return iso.slice(17, 23) === '00.000' ? `${iso.slice(0, 16)}Z` : `${iso.slice(0, 19)}Z`;
}

/** `between 2026-10-25T00:00Z and now (2026-11-01T08:12Z)`, `before …`, or `at any time`. */
export function describeWindow(window: TimeWindow): string {
  const { after, before } = window;
  const now = `now (${formatUtc(window.now)})`;
  if (after && before) return `between ${formatUtc(after)} and ${formatUtc(before)}`;
  if (after) return `between ${formatUtc(after)} and ${now}`;
  if (before) return `before ${formatUtc(before)}`;
  return 'at any time';
}

function relativeBound(amount: number, unitText: string, now: Date, input: string, edge: WindowEdge): Date {
  const unit = UNITS[unitText];
  if (unit === undefined) throw invalid(edge, input);
  if (typeof unit === 'number') return new Date(now.getTime() - amount * unit);
  if (!Number.isInteger(amount)) throw invalid(edge, input);
  return addMonths(now, -(unit === 'year' ? amount * 12 : amount));
}

/** Calendar months back, keeping the day where the month has it (Mar 31 − 1 month = Feb 28/29, not Mar 3). */
function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(date.getUTCDate(), daysIn(year, month));
  return new Date(Date.UTC(year, month, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()));
}

function absoluteBound(m: RegExpExecArray, input: string, edge: WindowEdge): Date {
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month - 1) || hour > 23 || minute > 59 || second > 59) throw invalid(edge, input);
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3) || 0);
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const offset = offsetMinutes(m[8]);
  const time = local - offset * 60_000;
  // A date alone as the end of a window covers that whole day.
  return new Date(m[4] === undefined && edge === 'until' ? time + DAY : time);
}

/** Minutes east of UTC; naive times are UTC, as NetBox reads them. */
function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}

function daysIn(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

function invalid(edge: WindowEdge, input: string): NetboxMcpError {
  return new NetboxMcpError('INVALID_ARGUMENT', `${edge} '${input}' is not a date, time or age.`, { hint: `Use ${TIME_FORMS}.` });
}
