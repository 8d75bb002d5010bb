import { describe, expect, it } from 'vitest';
import { NetboxMcpError } from '../src/errors.ts';
import { normalizeActions } from '../src/query/change-action.ts';
import { describeWindow, formatUtc, isoParam, parseTimeBound, timeWindow } from '../src/query/time-window.ts';

const NOW = new Date('2026-11-21T06:30:15Z');
const since = (text: string, now = NOW): string => parseTimeBound(text, 'since', now).toISOString();
const until = (text: string, now = NOW): string => parseTimeBound(text, 'until', now).toISOString();

function errorOf(run: () => unknown): NetboxMcpError {
  try {
    run();
  } catch (error) {
    if (error instanceof NetboxMcpError) return error;
    throw error;
  }
  throw new Error('expected a NetboxMcpError');
}

describe('relative ages count back from now', () => {
  it.each([
    ['24h', '2026-11-20T06:30:15.000Z'],
    ['90m', '2026-11-21T05:00:15.000Z'],
    ['7d', '2026-11-14T06:30:15.000Z'],
    ['7 days', '2026-11-14T06:30:15.000Z'],
    ['7 days ago', '2026-11-14T06:30:15.000Z'],
    ['-7d', '2026-11-14T06:30:15.000Z'],
    ['1.5d', '2026-11-19T18:30:15.000Z'],
    ['2w', '2026-11-07T06:30:15.000Z'],
    ['1mo', '2026-10-21T06:30:15.000Z'],
    ['3 months', '2026-08-21T06:30:15.000Z'],
    ['1y', '2025-11-21T06:30:15.000Z'],
    ['12H', '2026-11-20T18:30:15.000Z'],
  ])('%s', (text, expected) => {
    expect(since(text)).toBe(expected);
  });

  it('keeps the day a month back where that month has it, else its last day', () => {
    expect(since('1mo', new Date('2026-03-31T12:00:00Z'))).toBe('2026-02-28T12:00:00.000Z');
    expect(since('1mo', new Date('2028-03-31T12:00:00Z'))).toBe('2028-02-29T12:00:00.000Z');
    expect(since('2mo', new Date('2026-01-15T00:00:00Z'))).toBe('2025-11-15T00:00:00.000Z');
  });

  it('reads now, today and yesterday as UTC days; until covers the whole day', () => {
    expect(since('now')).toBe(NOW.toISOString());
    expect(since('today')).toBe('2026-11-21T00:00:00.000Z');
    expect(until('today')).toBe('2026-11-22T00:00:00.000Z');
    expect(since('yesterday')).toBe('2026-11-20T00:00:00.000Z');
    expect(until('yesterday')).toBe('2026-11-21T00:00:00.000Z');
  });
});

describe('absolute dates and times', () => {
  it.each([
    ['2026-10-25', '2026-10-25T00:00:00.000Z'],
    ['2026-10-25T14:00', '2026-10-25T14:00:00.000Z'],
    ['2026-10-25 14:00:30', '2026-10-25T14:00:30.000Z'],
    ['2026-10-25T14:00Z', '2026-10-25T14:00:00.000Z'],
    ['2026-10-25T14:00:00.123456Z', '2026-10-25T14:00:00.123Z'],
    ['2026-10-25T14:00+02:00', '2026-10-25T12:00:00.000Z'],
    ['2026-10-25T14:00-0530', '2026-10-25T19:30:00.000Z'],
  ])('since %s', (text, expected) => {
    expect(since(text)).toBe(expected);
  });

  it('a date alone as until means the end of that day; a time is taken as given', () => {
    expect(until('2026-10-31')).toBe('2026-11-01T00:00:00.000Z');
    expect(until('2026-10-31T10:00Z')).toBe('2026-10-31T10:00:00.000Z');
  });

  it.each(['last tuesday', '2026-02-30', '2026-13-01', '2026-10-25T24:00', '7', '7x', '1.5mo', '', '25/10/2026'])('rejects %j', (text) => {
    const error = errorOf(() => parseTimeBound(text, 'since', NOW));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe(`since '${text.trim()}' is not a date, time or age.`);
    expect(error.hint).toContain('24h, 7d, 2w, 1mo');
  });

  it('names the bound that was wrong', () => {
    expect(errorOf(() => parseTimeBound('soon', 'until', NOW)).message).toBe(`until 'soon' is not a date, time or age.`);
  });
});

describe('windows', () => {
  it('sends NetBox both bounds to the second and describes them in UTC', () => {
    const window = timeWindow('2026-10-25', '2026-10-31', NOW);
    expect(isoParam(window.after!)).toBe('2026-10-25T00:00:00Z');
    expect(isoParam(window.before!)).toBe('2026-11-01T00:00:00Z');
    expect(describeWindow(window)).toBe('between 2026-10-25T00:00Z and 2026-11-01T00:00Z');
  });

  it('an open end is now, shown with the time it was taken', () => {
    expect(describeWindow(timeWindow('7d', undefined, NOW))).toBe('between 2026-11-14T06:30:15Z and now (2026-11-21T06:30:15Z)');
    expect(describeWindow(timeWindow(undefined, '2026-10-01T12:00Z', NOW))).toBe('before 2026-10-01T12:00Z');
    expect(describeWindow(timeWindow(undefined, '', NOW))).toBe('at any time');
  });

  it('rejects a window that ends before it starts', () => {
    const error = errorOf(() => timeWindow('2026-11-01', '2026-10-01', NOW));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe('since (2026-11-01T00:00Z) is after until (2026-10-02T00:00Z).');
  });

  it('formats minutes unless there are seconds', () => {
    expect(formatUtc(new Date('2026-10-25T00:00:00Z'))).toBe('2026-10-25T00:00Z');
    expect(formatUtc(new Date('2026-10-25T00:00:07Z'))).toBe('2026-10-25T00:00:07Z');
  });
});

describe('change actions', () => {
  it('normalizes the words people use to NetBox values', () => {
    expect(normalizeActions('created')).toEqual(['create']);
    expect(normalizeActions('Updated')).toEqual(['update']);
    expect(normalizeActions('removed')).toEqual(['delete']);
    expect(normalizeActions('add, remove, create')).toEqual(['create', 'delete']);
  });

  it('rejects anything else and lists the valid values', () => {
    const error = errorOf(() => normalizeActions('renamed'));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toBe("action 'renamed' is not a change action; valid values: create, update, delete.");
    expect(errorOf(() => normalizeActions(' , ')).code).toBe('INVALID_ARGUMENT');
  });
});
