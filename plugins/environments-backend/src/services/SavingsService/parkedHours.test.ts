import {
  hoursParked,
  ParkEvent,
  parkedPeriods,
  roundMoney,
} from './parkedHours';
import { scheduledHoursParked } from './scheduledHours';

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const window = { from: NOW - 30 * 24 * 3_600_000, to: NOW };
const at = (iso: string, minutes = 0) =>
  new Date(Date.parse(iso) + minutes * 60_000).toISOString();
const park = (iso: string, status: ParkEvent['status'] = 'success') => ({
  kind: 'park' as const,
  status,
  createdAt: iso,
  stoppedAt: status === 'running' ? undefined : at(iso, 5),
});
const unpark = (iso: string, status: ParkEvent['status'] = 'success') => ({
  kind: 'unpark' as const,
  status,
  createdAt: iso,
  stoppedAt: at(iso, 5),
});

describe('parked hours and savings', () => {
  // Rate: 1.5 per hour parked.
  it.each<[string, ParkEvent[], number, number]>([
    ['no history', [], 0, 0],
    [
      'one night, parked 20:00 (done 20:05) to 07:00',
      [park('2026-12-01T20:00:00.000Z'), unpark('2026-12-02T07:00:00.000Z')],
      10 + 55 / 60,
      16.38,
    ],
    [
      'an open parked period counts to now',
      [park('2026-12-02T02:00:00.000Z')],
      9 + 55 / 60,
      14.88,
    ],
    [
      'a failed park does not start a parked period',
      [
        park('2026-12-01T20:00:00.000Z', 'failed'),
        unpark('2026-12-02T07:00:00.000Z'),
      ],
      0,
      0,
    ],
    [
      'a running park does not count yet',
      [park('2026-12-02T11:00:00.000Z', 'running')],
      0,
      0,
    ],
    [
      'a failed park then a successful one: parked from the second',
      [
        park('2026-12-02T01:00:00.000Z', 'failed'),
        park('2026-12-02T02:00:00.000Z'),
        unpark('2026-12-02T06:00:00.000Z'),
      ],
      3 + 55 / 60,
      5.88,
    ],
    [
      'a second park while parked changes nothing',
      [
        park('2026-12-02T01:00:00.000Z'),
        park('2026-12-02T03:00:00.000Z'),
        unpark('2026-12-02T05:05:00.000Z'),
      ],
      4,
      6,
    ],
    [
      'an unpark ends the period at its start, even if it failed',
      [
        park('2026-12-02T01:00:00.000Z'),
        unpark('2026-12-02T03:05:00.000Z', 'failed'),
      ],
      2,
      3,
    ],
    [
      'a period begun before the window counts from the window start',
      // The window opens 2026-11-02T12:00Z.
      [park('2026-10-01T00:00:00.000Z'), unpark('2026-11-03T00:00:00.000Z')],
      12,
      18,
    ],
    [
      'history in any order',
      [unpark('2026-12-02T07:00:00.000Z'), park('2026-12-01T20:00:00.000Z')],
      10 + 55 / 60,
      16.38,
    ],
  ])('%s', (_name, events, hours, amount) => {
    const h = hoursParked(parkedPeriods(events), window);
    expect(h).toBeCloseTo(hours, 6);
    expect(roundMoney(h * 1.5)).toBe(amount);
  });

  it('projects the schedule: weeknights 20:00-07:00 London over 30 days', () => {
    const from = Date.parse('2026-12-07T00:00:00.000Z'); // a Monday
    const hours = scheduledHoursParked(
      {
        park: '0 20 * * 1-5',
        unpark: '0 7 * * 1-5',
        timezone: 'Europe/London',
        warnBeforeMs: 0,
        actor: 'user:default/platform-scheduler',
      },
      { from, to: from + 28 * 24 * 3_600_000 },
      false,
    );
    // Four weeks: Mon-Thu nights 11 h each; three weekends Friday 20:00 to
    // Monday 07:00, 59 h; the last Friday's park open until the window
    // closes on Monday 00:00, 52 h.
    expect(hours).toBe(4 * 4 * 11 + 3 * 59 + 52);
  });

  it('has no projection without both park and unpark', () => {
    expect(
      scheduledHoursParked(
        {
          park: '0 20 * * *',
          timezone: 'UTC',
          warnBeforeMs: 0,
          actor: 'user:default/x',
        },
        window,
        false,
      ),
    ).toBeUndefined();
  });
});
