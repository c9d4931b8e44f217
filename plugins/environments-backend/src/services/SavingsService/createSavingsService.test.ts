import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Deployment } from '@rocket-club/plugin-environments-common';
import { DatabaseEnvironmentsStore } from '../../database/DatabaseEnvironmentsStore';
import { pipelineRecord, workflowRecord } from '../../__testUtils__/records';
import { testEnvironmentsConfig } from '../../__testUtils__/testConfig';
import { createSavingsService } from './createSavingsService';
import * as scheduledHours from './scheduledHours';

jest.mock('./scheduledHours', () => {
  const actual = jest.requireActual('./scheduledHours');
  return {
    ...actual,
    scheduledHoursParked: jest.fn(actual.scheduledHoursParked),
  };
});

jest.setTimeout(60_000);

const NOW = Date.parse('2026-12-02T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const H = 3_600_000;

describe('SavingsService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('sums parked hours from the stored history, paging past the window start', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseEnvironmentsStore.create({ database });
      // 150 nights parked for 10 hours each (more than one page of 100),
      // the newest still parked since 02:00 today, and a failed park.
      let n = 0;
      const save = async (
        kind: 'park' | 'unpark',
        at: number,
        status: 'success' | 'failed' = 'success',
      ) => {
        n++;
        await store.savePipeline(
          pipelineRecord({ id: `p-${n}`, number: n, createdAt: iso(at) }),
          [
            workflowRecord({
              id: `w-${n}`,
              pipelineId: `p-${n}`,
              pipelineNumber: n,
              name: `${kind}-infrastructure`,
              kind,
              status,
              createdAt: iso(at),
              stoppedAt: iso(at),
            }),
          ],
          [],
        );
      };
      for (let night = 75; night >= 1; night--) {
        const parkAt = NOW - night * 24 * H - 10 * H; // 02:00 UTC
        await save('park', parkAt);
        await save('unpark', parkAt + 10 * H);
      }
      await save('park', NOW - 11 * H, 'failed');
      await save('park', NOW - 10 * H);

      const config = testEnvironmentsConfig();
      const prod = {
        ...config.definitions[0],
        costs: { parkedSavingsPerHour: 1.5, currency: 'GBP' },
      };
      const savings = createSavingsService({ store, now: () => NOW });
      // 30 nights inside the window (the window opens at 12:00, after the
      // 30th night's unpark) plus 10 hours of the open period.
      expect(await savings.savingsOf(prod)).toEqual({
        currency: 'GBP',
        hoursParked30Days: 29 * 10 + 10,
        last30Days: (29 * 10 + 10) * 1.5,
        projectedMonthly: (29 * 10 + 10) * 1.5,
      });
      expect(
        await savings.savingsOf({ ...prod, costs: undefined }),
      ).toBeUndefined();

      // History rows of parks carry how long they stayed parked.
      const row = (kind: 'park' | 'unpark', at: number, status = 'success') =>
        ({
          id: `${kind}-${at}`,
          kind,
          status,
          workflowName: `${kind}-infrastructure`,
          pipeline: { id: 'p', number: 1, url: '' },
          url: '',
          createdAt: iso(at),
          stoppedAt: iso(at),
        } as Deployment);
      const rows = [
        row('park', NOW - 10 * H),
        row('park', NOW - 11 * H, 'failed'),
        row('unpark', NOW - 24 * H),
        row('park', NOW - 34 * H),
      ];
      expect(
        (await savings.withParkedDurations(prod, rows)).map(r => r.parkedForMs),
      ).toEqual([10 * H, undefined, undefined, 10 * H]);
    });
  });

  it('walks the schedule once a minute per environment, not on every read', async () => {
    const knex = await databases.init('SQLITE_3');
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const store = await DatabaseEnvironmentsStore.create({ database });
    const config = testEnvironmentsConfig();
    const prod = {
      ...config.definitions[0],
      costs: { parkedSavingsPerHour: 2, currency: 'GBP' },
      schedule: {
        park: '0 20 * * 1-5',
        unpark: '0 7 * * 1-5',
        timezone: 'Europe/London',
      },
    } as (typeof config.definitions)[0];
    let now = NOW;
    const savings = createSavingsService({ store, now: () => now });
    const walk = jest.mocked(scheduledHours.scheduledHoursParked);
    walk.mockClear();

    const first = await savings.savingsOf(prod);
    // Weekday nights, 20:00 to 07:00 London: 11 h a night, about 22 nights.
    expect(first?.projectedMonthly).toBeGreaterThan(11 * 20 * 2);
    now += 59_000;
    expect(await savings.savingsOf(prod)).toEqual(first);
    expect(walk).toHaveBeenCalledTimes(1);

    now += 1_000;
    await savings.savingsOf(prod);
    expect(walk).toHaveBeenCalledTimes(2);

    // Another schedule is walked at once.
    await savings.savingsOf({
      ...prod,
      schedule: { ...prod.schedule!, unpark: '0 8 * * 1-5' },
    });
    expect(walk).toHaveBeenCalledTimes(3);
  });
});
