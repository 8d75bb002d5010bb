/**
 * NetBox's REST API prints `timestamp with time zone` values in UTC as `2020-12-20T02:51:03.257000Z`
 * (Python's isoformat: microseconds only when non-zero, `+00:00` written as `Z`). pg_dump writes them in
 * the dumping session's zone (`2020-12-19 21:51:03.257-05`), so they are shifted to UTC here. The shift
 * is done with integer calendar arithmetic instead of `Date`: it keeps the microseconds `Date` would drop,
 * has no two-digit-year quirks, and is several times faster, which matters on dumps with millions of rows.
 */

const TIMESTAMPTZ =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?(?::?(\d{2}))?|Z)$/;

const SECONDS_PER_DAY = 86_400;

/**
 * Converts a PostgreSQL `timestamptz` text value to the REST API's UTC form. Values it cannot represent
 * that way (`infinity`, BC dates, years past 9999) are returned unchanged rather than guessed at.
 */
export function toUtcTimestamp(text: string): string {
  const match = TIMESTAMPTZ.exec(text);
  if (!match) return text;
  const [, year, month, day, hour, minute, second, fraction, sign, offH, offM, offS] = match;
  const offsetSeconds = Number(offH ?? 0) * 3600 + Number(offM ?? 0) * 60 + Number(offS ?? 0);
  const offset = sign === '-' ? -offsetSeconds : offsetSeconds;
  const local =
    daysFromCivil(Number(year), Number(month), Number(day)) * SECONDS_PER_DAY +
    Number(hour) * 3600 +
    Number(minute) * 60 +
    Number(second);
  const utc = local - offset;
  const days = Math.floor(utc / SECONDS_PER_DAY);
  const secondOfDay = utc - days * SECONDS_PER_DAY;
  const [y, m, d] = civilFromDays(days);
  // Python's datetime, whose format the API uses, has no year 0 or years past 9999.
  if (y < 1 || y > 9999) return text;
  const hh = pad2(Math.floor(secondOfDay / 3600));
  const time = `${hh}:${pad2(Math.floor(secondOfDay / 60) % 60)}:${pad2(secondOfDay % 60)}`;
  const micros = (fraction ?? '').padEnd(6, '0');
  const date = `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
  return micros === '000000' ? `${date}T${time}Z` : `${date}T${time}.${micros}Z`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

// The inverse of daysFromCivil: [year, month, day].
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}
