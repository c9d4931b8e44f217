import { CronTime } from 'cron';
import { DateTime } from 'luxon';
import { occurrences, scheduledHoursParked } from './scheduledHours';

/** `cron`'s own walk in the named zone: what the fast walk must give. */
function namedZoneWalk(
  expression: string,
  timezone: string,
  from: number,
  to: number,
  max = 1000,
) {
  const cron = new CronTime(expression, timezone);
  const out: number[] = [];
  let cursor = new Date(from);
  while (out.length < max) {
    const next = cron.getNextDateFrom(cursor, timezone);
    if (next.toMillis() > to) break;
    out.push(next.toMillis());
    cursor = next.toJSDate();
  }
  return out;
}

const YEAR_MS = 365 * 24 * 3_600_000;
/** Both changes of offset in the north and the south. */
const WINDOW_MS = 240 * 24 * 3_600_000;
const FROM = Date.parse('2026-03-01T10:17:23.456Z');

describe('occurrences', () => {
  // Zones with and without daylight saving time, a half-hour zone and
  // one whose saving time is half an hour (Lord Howe).
  const zones = [
    'Europe/London',
    'America/New_York',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'UTC',
  ];
  const expressions = [
    '0 20 * * 1-5',
    '0 7 * * 1-5',
    '45 5,17 * * 6',
    '0 12 1 * *',
    '30 9 * 3,10 0',
  ];

  it.each(zones)(
    'gives the instants of the named-zone walk over 240 days in %s',
    zone => {
      for (const expression of expressions) {
        expect({
          expression,
          got: occurrences(expression, zone, FROM, FROM + WINDOW_MS),
        }).toEqual({
          expression,
          got: namedZoneWalk(expression, zone, FROM, FROM + WINDOW_MS),
        });
      }
    },
  );

  it('keeps (from, to] and max', () => {
    const at = (iso: string) => Date.parse(iso);
    // 20:00 London on a Friday in winter is 20:00 UTC.
    const friday = at('2026-01-09T20:00:00Z');
    expect(
      occurrences('0 20 * * 1-5', 'Europe/London', friday, friday),
    ).toEqual([]);
    expect(
      occurrences('0 20 * * 1-5', 'Europe/London', friday - 1, friday),
    ).toEqual([friday]);
    expect(
      occurrences('0 20 * * 1-5', 'Europe/London', friday, friday + YEAR_MS, 2),
    ).toEqual([at('2026-01-12T20:00:00Z'), at('2026-01-13T20:00:00Z')]);
  });

  it('follows the clock across a change of offset', () => {
    // London goes to UTC+1 on 2026-03-29 at 01:00 UTC.
    const got = occurrences(
      '0 7 * * *',
      'Europe/London',
      Date.parse('2026-03-27T12:00:00Z'),
      Date.parse('2026-03-31T12:00:00Z'),
    );
    expect(got.map(ms => new Date(ms).toISOString())).toEqual([
      '2026-03-28T07:00:00.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
      '2026-03-31T06:00:00.000Z',
    ]);
  });

  it('skips a local time the clocks jump over and keeps one they repeat', () => {
    const local = (ms: number) =>
      DateTime.fromMillis(ms, { zone: 'Europe/London' }).toISO();
    // 01:30 does not exist on 2026-03-29 in London...
    const spring = occurrences(
      '30 1 * * *',
      'Europe/London',
      Date.parse('2026-03-28T00:00:00Z'),
      Date.parse('2026-03-30T12:00:00Z'),
    );
    expect(spring.map(local)).toEqual([
      '2026-03-28T01:30:00.000+00:00',
      '2026-03-30T01:30:00.000+01:00',
    ]);
    // ...and happens twice on 2026-10-25.
    const autumn = occurrences(
      '30 1 * * *',
      'Europe/London',
      Date.parse('2026-10-24T12:00:00Z'),
      Date.parse('2026-10-26T12:00:00Z'),
    );
    expect(autumn.map(local)).toEqual([
      '2026-10-25T01:30:00.000+01:00',
      '2026-10-25T01:30:00.000+00:00',
      '2026-10-26T01:30:00.000+00:00',
    ]);
  });
});

describe('scheduledHoursParked', () => {
  it('counts the hours from each park to the next unpark', () => {
    // Weeknights 20:00–07:00 and weekends: from Monday 2026-01-05 00:00
    // UTC, one week is 11 h × 4 nights + Friday 20:00 to Monday 07:00 (59 h)
    // + Monday 00:00–07:00 when it starts parked.
    const from = Date.parse('2026-01-05T00:00:00Z');
    const week = { from, to: from + 7 * 24 * 3_600_000 };
    const schedule = {
      park: '0 20 * * 1-5',
      unpark: '0 7 * * 1-5',
      timezone: 'Europe/London',
    } as Parameters<typeof scheduledHoursParked>[0];
    expect(scheduledHoursParked(schedule, week, false)).toBe(11 * 4 + 59 - 7);
    expect(scheduledHoursParked(schedule, week, true)).toBe(11 * 4 + 59);
  });
});
