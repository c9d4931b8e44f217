import { ConfigReader } from '@backstage/config';
import { readCosts, readNotify, readSchedule } from './readSchedule';

const where = 'environments.definitions.prod.schedule';
const read = (data: object) => readSchedule(new ConfigReader(data), where);

describe('readSchedule', () => {
  it('fills in the defaults', () => {
    expect(read({ park: '0 20 * * 1-5' })).toEqual({
      park: '0 20 * * 1-5',
      unpark: undefined,
      timezone: 'UTC',
      warnBeforeMs: 30 * 60_000,
      actor: 'user:default/platform-scheduler',
    });
    expect(read({ warnBefore: { minutes: 10 } }).warnBeforeMs).toBe(600_000);
  });

  it.each([
    [
      { park: 'every evening' },
      `${where}.park 'every evening' is not a valid cron expression in time zone 'UTC'`,
    ],
    [
      { unpark: '0 7 * * 8' },
      `${where}.unpark '0 7 * * 8' is not a valid cron expression`,
    ],
    [
      { park: '0 20 * * *', timezone: 'London' },
      `${where}.timezone 'London' is not a known IANA time zone`,
    ],
    [
      { park: '0 20 * * *', actor: 'platform-scheduler!' },
      `${where}.actor 'platform-scheduler!' is not a user entity ref`,
    ],
  ])('fails loudly on %j', (data, message) => {
    expect(() => read(data)).toThrow(message);
  });

  it('reads costs and notify, refusing bad values', () => {
    expect(
      readCosts(new ConfigReader({ parkedSavingsPerHour: 2 }), 'x'),
    ).toEqual({ parkedSavingsPerHour: 2, currency: 'USD' });
    expect(() =>
      readCosts(
        new ConfigReader({ parkedSavingsPerHour: 2, currency: 'pounds' }),
        'x',
      ),
    ).toThrow("x.costs.currency 'pounds' is not an ISO 4217 code");
    expect(() =>
      readCosts(new ConfigReader({ parkedSavingsPerHour: -1 }), 'x'),
    ).toThrow(
      "x.costs.parkedSavingsPerHour '-1' must be a number of at least 0",
    );
    expect(readNotify(new ConfigReader({ approvals: false }))).toEqual({
      approvals: false,
      parkResults: true,
      scheduledPark: true,
      skipped: true,
      pinnedBehindDays: 7,
    });
  });
});
