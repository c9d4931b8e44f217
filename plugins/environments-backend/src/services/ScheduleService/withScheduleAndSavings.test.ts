import { testEnvironmentsConfig } from '../../__testUtils__/testConfig';
import type { EnvironmentsService } from '../EnvironmentsService';
import { createViewCache } from '../ViewCache';
import { withScheduleAndSavings } from './withScheduleAndSavings';

describe('withScheduleAndSavings', () => {
  const { definitions } = testEnvironmentsConfig();
  const prod = definitions[0];

  function setup(withViews: boolean) {
    const inner = {
      getEnvironment: async () => ({ name: prod.name }),
      listEnvironments: async () => [{ name: prod.name }],
    } as unknown as EnvironmentsService;
    const schedule = {
      scheduleOf: jest.fn(async () => ({ nextPark: '2026-12-02T20:00:00Z' })),
    };
    const savings = {
      savingsOf: jest.fn(async () => ({
        currency: 'GBP',
        last30Days: 1,
        hoursParked30Days: 1,
        projectedMonthly: 2,
      })),
      withParkedDurations: jest.fn(async (_d: unknown, rows: any) => rows),
    };
    const views = createViewCache({ ttlMs: 60_000 });
    const service = withScheduleAndSavings(inner, {
      definitions,
      schedule: schedule as any,
      savings,
      views: withViews ? views : undefined,
    });
    return { service, schedule, savings, views };
  }

  it('shares one schedule and savings computation between readers until a change', async () => {
    const { service, schedule, savings, views } = setup(true);
    const first = await service.getEnvironment(prod.name, {} as any);
    await service.getEnvironment(prod.name, {} as any);
    await service.listEnvironments({} as any);
    expect(first).toMatchObject({
      schedule: { nextPark: '2026-12-02T20:00:00Z' },
      savings: { projectedMonthly: 2 },
    });
    expect(schedule.scheduleOf).toHaveBeenCalledTimes(1);
    expect(savings.savingsOf).toHaveBeenCalledTimes(1);

    views.invalidate(prod.name);
    await service.getEnvironment(prod.name, {} as any);
    expect(schedule.scheduleOf).toHaveBeenCalledTimes(2);
    expect(savings.savingsOf).toHaveBeenCalledTimes(2);
  });

  it('computes them for every read without views', async () => {
    const { service, schedule } = setup(false);
    await service.getEnvironment(prod.name, {} as any);
    await service.getEnvironment(prod.name, {} as any);
    expect(schedule.scheduleOf).toHaveBeenCalledTimes(2);
  });
});
