import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { setupServer } from 'msw/node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import request from 'supertest';
import { startScriptedSandbox } from './__testUtils__/scriptedSandbox';
import { environmentsPlugin } from './plugin';
import { TASK_IDS } from './services/scheduleTasks';

jest.setTimeout(60_000);

const rel = (type: string, targetRef: string) => ({ type, targetRef });
const user = (name: string, group: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [group] },
  relations: [rel('memberOf', `group:default/${group}`)],
});
const group = (name: string, members: string[]) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(m => rel('hasMember', `user:default/${m}`)),
});
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'prod',
      namespace: 'default',
      annotations: { 'rocket-club.dev/environment': 'prod' },
    },
    spec: { type: 'environment', owner: 'group:default/platform-team' },
    relations: [rel('ownedBy', 'group:default/platform-team')],
  },
  group('platform-team', ['ada', 'platform-scheduler']),
  group('data-team', ['grace']),
  user('ada', 'platform-team'),
  user('platform-scheduler', 'platform-team'),
  user('grace', 'data-team'),
];

/**
 * Against the real notifications backend: what the owners find on their
 * notifications page.
 */
describe('notifications to the owners', () => {
  const msw = setupServer();
  registerMswTestHooks(msw);

  it('reach the owners only, once per event, a repeat updating the first', async () => {
    const { sandbox, config, pipelines } = await startScriptedSandbox(msw);
    // The notifications backend schedules its cleaner through a task runner.
    const scheduler = mockServices.scheduler.mock({
      createScheduledTaskRunner: () => ({ run: async () => {} }),
    });
    const { server } = await startTestBackend({
      features: [
        environmentsPlugin,
        notificationsPlugin,
        mockServices.rootConfig.factory({
          data: {
            ...config,
            app: { baseUrl: 'http://localhost:3000' },
            environments: {
              ...config.environments,
              definitions: {
                prod: {
                  ...config.environments.definitions.prod,
                  // Only the actor matters here; New Year's midnight keeps
                  // the wall-clock schedule itself out of the way.
                  schedule: { park: '0 0 1 1 *', timezone: 'Europe/London' },
                },
              },
            },
          },
        }),
        scheduler.factory,
        catalogServiceMock.factory({ entities }),
      ],
    });
    const run = async (id: string) => {
      const call = scheduler.scheduleTask.mock.calls.find(c => c[0].id === id);
      await call![0].fn(new AbortController().signal);
    };
    const inbox = async (ref: string) => {
      const res = await request(server)
        .get('/api/notifications/notifications')
        .set('Authorization', mockCredentials.user.header(ref));
      expect(res.status).toBe(200);
      return res.body.notifications as {
        payload: { title: string; topic?: string; link?: string };
        read?: string | null;
      }[];
    };

    await run(TASK_IDS.ingestion);
    await run(TASK_IDS.schedule);
    await run(TASK_IDS.schedule);

    const approvals = async (ref: string) =>
      (await inbox(ref)).filter(
        n => n.payload.topic === 'environments:prod:approval',
      );
    // The scripted deployer is pinned behind an image pushed long ago.
    expect((await inbox('user:default/ada')).map(n => n.payload.topic)).toEqual(
      expect.arrayContaining(['environments:prod:pinned-behind']),
    );
    const ada = await approvals('user:default/ada');
    expect(ada.map(n => n.payload)).toEqual([
      expect.objectContaining({
        title: `Production: deploy #${pipelines.held} awaits approval`,
        topic: 'environments:prod:approval',
        link: '/catalog/default/resource/prod/environment',
      }),
    ]);
    expect(await inbox('user:default/grace')).toEqual([]);
    expect(await inbox('user:default/platform-scheduler')).toEqual([]);

    // Another apply held: the owners' notification is updated, not added.
    const another = await sandbox.admin.push({
      actor: 'erin',
      message: 'Bump the deployer again',
      files: { 'docker/prefect-deployer/Dockerfile': 'FROM python:3.12\n' },
    });
    await sandbox.admin.advanceClock(6_000); // image, plan; the apply holds
    await run(TASK_IDS.ingestion);
    await run(TASK_IDS.schedule);
    const updated = await approvals('user:default/ada');
    expect(updated).toHaveLength(1);
    expect(updated[0].payload.title).toBe(
      `Production: deploy #${another.pipeline.number} awaits approval`,
    );
    expect(another.pipeline.number).not.toBe(pipelines.held);
  });
});
