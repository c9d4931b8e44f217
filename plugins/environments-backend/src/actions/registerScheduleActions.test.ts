import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { NotAllowedError } from '@backstage/errors';
import type { EnvironmentDetails } from '@rocket-club/plugin-environments-common';
import { testEnvironmentsConfig } from '../__testUtils__/testConfig';
import { registerScheduleActions } from './registerScheduleActions';

function setup() {
  const calls: any[] = [];
  const registry = actionsRegistryServiceMock();
  registerScheduleActions(registry, {
    config: testEnvironmentsConfig(),
    catalog: { getEntityByRef: async () => undefined },
    schedule: {
      async keepAwake(definition, until, { credentials }) {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        if (ref !== 'user:default/ada') {
          throw new NotAllowedError(`${ref} may not keep prod awake`);
        }
        calls.push({ environment: definition.name, until });
        return { environment: definition.name, keepAwakeUntil: until };
      },
    },
    environments: {
      async getEnvironment(name) {
        return {
          name,
          title: 'Production',
          state: 'parked',
          since: '2026-12-01T20:05:00.000Z',
          endpoints: [],
          inFlight: [],
          schedule: {
            nextPark: '2026-12-02T20:00:00.000Z',
            nextUnpark: '2026-12-03T07:00:00.000Z',
            timezone: 'Europe/London',
            actor: 'user:default/platform-scheduler',
            recent: [],
          },
          savings: {
            currency: 'GBP',
            last30Days: 412,
            hoursParked30Days: 330,
            projectedMonthly: 450,
          },
        } as EnvironmentDetails;
      },
    },
  });
  return { registry, calls };
}

describe('registerScheduleActions', () => {
  const until = '2026-12-03T12:00:00.000Z';

  it('keeps an environment awake for its owner', async () => {
    const { registry, calls } = setup();
    const { output } = await registry.invoke({
      id: 'test:keep-environment-awake',
      input: { environment: 'resource:default/prod', until },
      credentials: mockCredentials.user('user:default/ada'),
    });
    expect(output).toEqual({ environment: 'prod', keepAwakeUntil: until });
    expect(calls).toEqual([{ environment: 'prod', until }]);
  });

  it('refuses others, services and unknown fields, with no effect', async () => {
    const { registry, calls } = setup();
    const invoke = (input: object, credentials: any) =>
      registry.invoke({
        id: 'test:keep-environment-awake',
        input,
        credentials,
      });
    await expect(
      invoke(
        { environment: 'prod', until },
        mockCredentials.user('user:default/grace'),
      ),
    ).rejects.toThrow('user:default/grace may not keep prod awake');
    await expect(
      invoke({ environment: 'prod', until }, mockCredentials.service()),
    ).rejects.toThrow('Keep-awake must be called on behalf of a user');
    await expect(
      invoke(
        { environment: 'prod', until, force: true },
        mockCredentials.user('user:default/ada'),
      ),
    ).rejects.toThrow(/force/);
    expect(calls).toEqual([]);
  });

  it('reads the environment with its schedule and savings', async () => {
    const { registry } = setup();
    const { output } = await registry.invoke({
      id: 'test:get-environment',
      input: { environment: 'prod' },
      credentials: mockCredentials.user('user:default/grace'),
    });
    expect(output).toEqual({
      name: 'prod',
      title: 'Production',
      state: 'parked',
      since: '2026-12-01T20:05:00.000Z',
      locked: false,
      awaitingApproval: false,
      schedule: {
        nextPark: '2026-12-02T20:00:00.000Z',
        nextUnpark: '2026-12-03T07:00:00.000Z',
        timezone: 'Europe/London',
      },
      savings: {
        currency: 'GBP',
        last30Days: 412,
        hoursParked30Days: 330,
        projectedMonthly: 450,
      },
    });
  });
});
