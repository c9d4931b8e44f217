import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { responseProblems } from './__testUtils__/openApi';
import { PROD_ENTITY, TEST_CONFIG } from './__testUtils__/testConfig';
import { TASK_IDS } from './services/scheduleTasks';
import { environmentsPlugin } from './plugin';

jest.setTimeout(60_000);

const entities = [PROD_ENTITY];

/** TEST_CONFIG with a schedule and costs on prod. */
function configWith(schedule: Record<string, unknown>) {
  const config = JSON.parse(JSON.stringify(TEST_CONFIG));
  Object.assign(config.environments.definitions.prod, {
    schedule,
    costs: { parkedSavingsPerHour: 1.25, currency: 'GBP' },
  });
  return config;
}

const WEEKNIGHTS = {
  park: '0 20 * * 1-5',
  unpark: '0 7 * * 1-5',
  timezone: 'Europe/London',
};

describe('scheduled park/unpark in the plugin', () => {
  async function start(config: object, features: any[] = []) {
    const scheduler = mockServices.scheduler.mock();
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        mockServices.rootConfig.factory({ data: config }),
        scheduler.factory,
        catalogServiceMock.factory({ entities }),
        ...features,
      ],
    });
    return { server, scheduler };
  }

  it.each([
    [
      { ...WEEKNIGHTS, park: '0 25 * * *' },
      "environments.definitions.prod.schedule.park '0 25 * * *' is not a valid cron expression",
    ],
    [
      { ...WEEKNIGHTS, timezone: 'Europe/Atlantis' },
      "environments.definitions.prod.schedule.timezone 'Europe/Atlantis' is not a known IANA time zone",
    ],
    [
      { ...WEEKNIGHTS, actor: 'group:default/platform-team' },
      "environments.definitions.prod.schedule.actor 'group:default/platform-team' is not a user entity ref",
    ],
  ])(
    'fails the start on a misconfigured schedule %j',
    async (schedule, message) => {
      await expect(start(configWith(schedule))).rejects.toThrow(message);
    },
  );

  it('schedules one global task and serves schedule, savings and keep-awake', async () => {
    const { server, scheduler } = await start(configWith(WEEKNIGHTS));
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ id: TASK_IDS.schedule, scope: 'global' }),
    );
    const owner = mockCredentials.user.header('user:default/ada');
    const details = await request(server)
      .get('/api/environments/environments/prod')
      .set('Authorization', owner);
    expect(details.status).toBe(200);
    expect(
      responseProblems('get', '/environments/{name}', 200, details.body),
    ).toEqual([]);
    expect(details.body.schedule).toEqual({
      nextPark: expect.stringMatching(/T20:00:00.000Z$/),
      nextUnpark: expect.stringMatching(/T07:00:00.000Z$/),
      timezone: 'Europe/London',
      actor: 'user:default/platform-scheduler',
      // The catalog here has no such user: the page says so up front.
      actorProblem:
        "the schedule's actor user:default/platform-scheduler is not in the catalog",
      recent: [],
    });
    expect(details.body.savings).toEqual({
      currency: 'GBP',
      last30Days: expect.any(Number),
      hoursParked30Days: expect.any(Number),
      projectedMonthly: expect.any(Number),
    });

    const list = await request(server)
      .get('/api/environments/environments')
      .set('Authorization', owner);
    expect(responseProblems('get', '/environments', 200, list.body)).toEqual(
      [],
    );
    expect(list.body.items[0].savings).toEqual(details.body.savings);

    const until = new Date(Date.now() + 3600_000).toISOString();
    const post = (body: unknown, auth = owner) =>
      request(server)
        .post('/api/environments/environments/prod/keep-awake')
        .set('Authorization', auth)
        .send(body as object);
    expect((await post({ until: 'tomorrow' })).status).toBe(400);
    expect((await post({ until, extra: 1 })).status).toBe(400);
    const ok = await post({ until });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ environment: 'prod', keepAwakeUntil: until });
    const after = await request(server)
      .get('/api/environments/environments/prod')
      .set('Authorization', owner);
    expect(after.body.schedule.keepAwakeUntil).toBe(until);
    expect(after.body.schedule.keepAwakeBy).toBe('user:default/ada');
    expect((await post({ until: null })).body).toEqual({
      environment: 'prod',
      keepAwakeUntil: null,
    });
  });

  it('refuses keep-awake to a non-owner', async () => {
    const { server } = await start(configWith(WEEKNIGHTS), [
      mockServices.permissions.mock({
        authorize: async requests =>
          requests.map(() => ({ result: AuthorizeResult.DENY })),
      }).factory,
    ]);
    const res = await request(server)
      .post('/api/environments/environments/prod/keep-awake')
      .set('Authorization', mockCredentials.user.header('user:default/grace'))
      .send({ until: new Date(Date.now() + 3600_000).toISOString() });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'user:default/grace may not keep prod awake: only the owners of resource:default/prod may',
    );
  });
});
