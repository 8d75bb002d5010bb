/**
 * Times inside the generator are integer microseconds since the Unix epoch, so that NetBox's microsecond
 * timestamps survive arithmetic exactly. Formatting is hand-rolled: `Date#toISOString` for every row of the
 * ×100 data set costs seconds.
 */

export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
export const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
export const MICROS_PER_DAY = 24 * MICROS_PER_HOUR;

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

const dateCache = new Map<number, string>();

function datePart(days: number): string {
  let s = dateCache.get(days);
  if (s === undefined) {
    const [y, m, d] = civilFromDays(days);
    s = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
    dateCache.set(days, s);
  }
  return s;
}

function split(micros: number): { days: number; seconds: number; fraction: number } {
  const t = Math.floor(micros);
  const days = Math.floor(t / MICROS_PER_DAY);
  const rest = t - days * MICROS_PER_DAY;
  const seconds = Math.floor(rest / MICROS_PER_SECOND);
  return { days, seconds, fraction: rest - seconds * MICROS_PER_SECOND };
}

function clock(seconds: number): string {
  return `${pad2(Math.floor(seconds / 3600))}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
}

/** NetBox REST form: `2020-12-20T02:51:03.257000Z`, or `2020-12-20T00:00:00Z` when the microseconds are zero. */
export function formatTimestamp(micros: number): string {
  const { days, seconds, fraction } = split(micros);
  const base = `${datePart(days)}T${clock(seconds)}`;
  return fraction === 0 ? `${base}Z` : `${base}.${String(fraction).padStart(6, '0')}Z`;
}

/**
 * Django's JSON encoder form used inside change-log snapshots: milliseconds only, and only when the
 * microseconds are non-zero (`2020-12-20T02:51:03.257Z`).
 */
export function formatDjangoTimestamp(micros: number): string {
  const { days, seconds, fraction } = split(micros);
  const base = `${datePart(days)}T${clock(seconds)}`;
  return fraction === 0 ? `${base}Z` : `${base}.${String(Math.floor(fraction / 1000)).padStart(3, '0')}Z`;
}

/** `YYYY-MM-DD` of the UTC day that holds the instant. */
export function formatDate(micros: number): string {
  return datePart(split(micros).days);
}

/** Days since 1970-01-01 of a civil date (inverse of `civilFromDays`). */
function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z$/;

/** Microseconds since the epoch of a timestamp in the REST form `formatTimestamp` writes. */
export function parseTimestamp(value: string): number {
  const m = TIMESTAMP.exec(value);
  if (!m) throw new Error(`not a NetBox timestamp: ${value}`);
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  const seconds = Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
  return days * MICROS_PER_DAY + seconds * MICROS_PER_SECOND + Number((m[7] ?? '').padEnd(6, '0'));
}
