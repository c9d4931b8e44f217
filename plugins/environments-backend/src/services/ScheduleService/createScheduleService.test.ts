import {
  mockCredentials,
  mockServices,
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { CircleCiClient } from '../../clients/circleci/CircleCiClient';
import { GithubClient } from '../../clients/github/GithubClient';
import { DatabaseEnvironmentsStore } from '../../database/DatabaseEnvironmentsStore';
import { DatabaseOperationsStore } from '../../database/DatabaseOperationsStore';
import { DatabaseScheduleStore } from '../../database/DatabaseScheduleStore';
import { FakeCircleCi } from '../../__testUtils__/fakeCircleCi';
import {
  ownerOnlyPermissions,
  recordingAuditor,
} from '../../__testUtils__/guardServices';
import { pipelineRecord, workflowRecord } from '../../__testUtils__/records';
import {
  TEST_CONFIG,
  testEnvironmentsConfig,
  UPSTREAMS,
} from '../../__testUtils__/testConfig';
import { createOperationsService } from '../OperationsService/createOperationsService';
import { createOwnerNotifier } from '../OwnerNotifier/createOwnerNotifier';
import { actorRefusal, createActorPermissions } from './actorPermissions';
import { createScheduleService } from './createScheduleService';

jest.setTimeout(60_000);

const SCHEDULER = 'user:default/platform-scheduler';
const rel = (type: string, targetRef: string) => ({ type, targetRef });
const user = (name: string, group: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [group] },
  relations: [rel('memberOf', `group:default/${group}`)],
});
const ENTITIES: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'prod', namespace: 'default' },
    spec: { type: 'environment', owner: 'platform-team' },
    relations: [rel('ownedBy', 'group:default/platform-team')],
  },
  user('platform-scheduler', 'platform-team'),
  user('ada', 'platform-team'),
  user('grace', 'data-team'),
  user('outsider', 'data-team'),
];

/** The portal's policy for a person: owners of prod only. */
const permissions = ownerOnlyPermissions();

const server = setupServer();
registerMswTestHooks(server);

/** Wednesday 2 December 2026; London is on GMT. */
const day = (d: number, hh: number, mm: number, ss = 0) =>
  Date.UTC(2026, 11, d, hh, mm, ss);

describe('ScheduleService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(
    databaseId: string,
    options: { actor?: string; instances?: number } = {},
  ) {
    const knex = await databases.init(databaseId as any);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const history = await DatabaseEnvironmentsStore.create({ database });
    const circle = new FakeCircleCi(UPSTREAMS.circleci);
    const triggered: { parameters: Record<string, unknown> }[] = [];
    server.use(
      http.post(
        `${UPSTREAMS.circleci}/project/gh/rlhatcher/rocket-club/pipeline`,
        async ({ request }) => {
          triggered.push((await request.json()) as (typeof triggered)[number]);
          const p = circle.addPipeline({ state: 'created' });
          return HttpResponse.json(
            {
              id: p.id,
              number: p.number,
              state: 'pending',
              created_at: p.created_at,
            },
            { status: 201 },
          );
        },
      ),
      ...circle.handlers(),
    );
    const config = testEnvironmentsConfig();
    const prod = config.definitions[0];
    prod.schedule = {
      park: '0 20 * * 1-5',
      unpark: '0 7 * * 1-5',
      timezone: 'Europe/London',
      warnBeforeMs: 30 * 60_000,
      actor: options.actor ?? SCHEDULER,
    };
    let clock = day(2, 12, 0);
    const now = () => new Date(clock);
    const catalog = catalogServiceMock({ entities: ENTITIES });
    const auth = mockServices.auth();
    const sent: NotificationSendOptions[] = [];
    const { auditor, events } = recordingAuditor();
    const logger = mockServices.logger.mock();

    // Each "backend instance" has its own stores and services over the
    // one shared database, as two replicas would.
    const instance = async () => {
      const store = await DatabaseScheduleStore.create({ database });
      const operations = createOperationsService({
        config,
        permissions: createActorPermissions({
          definitions: config.definitions,
          catalog,
          auth,
        }),
        auditor,
        logger,
        store: await DatabaseOperationsStore.create({ database }),
        history,
        circleci: new CircleCiClient({
          ...config.circleci!,
          retryBaseDelayMs: 1,
          sleep: async () => {},
        }),
        github: GithubClient.fromConfig(new ConfigReader(TEST_CONFIG)),
        ecr: { listImages: async () => [] },
        now,
      });
      return createScheduleService({
        definitions: config.definitions,
        store,
        history,
        operations,
        permissions,
        auditor,
        credentials: () => auth.getOwnServiceCredentials(),
        refusal: d => actorRefusal(catalog, auth, d),
        notifier: createOwnerNotifier({
          notifications: { send: async n => void sent.push(n) },
          catalog,
          auth,
          logger,
        }),
        logger,
        now,
      });
    };
    const a = await instance();
    const b = await instance();
    const store = await DatabaseScheduleStore.create({ database });
    return {
      a,
      b,
      prod,
      history,
      store,
      triggered,
      sent,
      get events() {
        return events();
      },
      setClock: (ms: number) => {
        clock = ms;
      },
      /** Both instances run the task at the same moment. */
      tickBoth: () => Promise.all([a.tick(), b.tick()]),
    };
  }

  const holdDeploy = (t: { history: DatabaseEnvironmentsStore }) =>
    t.history.savePipeline(
      pipelineRecord({ id: 'p-412', number: 412, terminal: false }),
      [
        workflowRecord({
          id: 'w-412',
          pipelineId: 'p-412',
          pipelineNumber: 412,
          status: 'on_hold',
          createdAt: new Date(day(2, 11, 0)).toISOString(),
          stoppedAt: undefined,
          approval: {
            requestId: 'r-1',
            jobName: 'hold-apply',
            since: new Date(day(2, 11, 5)).toISOString(),
          },
        }),
      ],
      [],
    );

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('fires a scheduled park once, at its time, across two instances', async () => {
      const t = await setup(databaseId);
      t.setClock(day(2, 19, 59, 30));
      await t.tickBoth();
      expect(t.triggered).toHaveLength(0);

      t.setClock(day(2, 20, 0, 20));
      await t.tickBoth();
      t.setClock(day(2, 20, 1, 20));
      await t.tickBoth();
      expect(t.triggered).toEqual([
        expect.objectContaining({
          parameters: {
            'park-infrastructure-mode': true,
            'terraform-prod-mode': false,
          },
        }),
      ]);
      const schedule = await t.a.scheduleOf(t.prod);
      expect(schedule).toEqual({
        nextPark: new Date(day(3, 20, 0)).toISOString(),
        nextUnpark: new Date(day(3, 7, 0)).toISOString(),
        timezone: 'Europe/London',
        keepAwakeUntil: undefined,
        keepAwakeBy: undefined,
        actor: SCHEDULER,
        actorProblem: undefined,
        recent: [
          {
            kind: 'park',
            at: new Date(day(2, 20, 0)).toISOString(),
            outcome: 'triggered',
            pipelineNumber: expect.any(Number),
            reason: undefined,
          },
        ],
      });
      expect(
        t.events.filter(e => e.eventId === 'environment-scheduled-operation'),
      ).toEqual([
        {
          eventId: 'environment-scheduled-operation',
          meta: {
            operation: 'park',
            environment: 'prod',
            actor: SCHEDULER,
            occurrence: new Date(day(2, 20, 0)).toISOString(),
          },
          outcome: 'success',
          after: { pipelineNumber: 1 },
        },
      ]);
    });

    it('skips a scheduled park while a deploy is held, with the reason recorded and told', async () => {
      const t = await setup(databaseId);
      await holdDeploy(t);
      t.setClock(day(2, 20, 0, 20));
      await t.tickBoth();
      expect(t.triggered).toHaveLength(0);
      const schedule = await t.a.scheduleOf(t.prod);
      expect(schedule?.recent).toEqual([
        expect.objectContaining({
          kind: 'park',
          outcome: 'skipped',
          reason: 'deploy #412 awaiting approval',
        }),
      ]);
      const skipped = t.sent.filter(
        n => n.payload.topic === 'environments:prod:schedule-skipped',
      );
      expect(skipped).toHaveLength(1);
      expect(skipped[0].payload.description).toContain(
        'deploy #412 awaiting approval',
      );
    });

    it('skips while kept awake, and parks again once keep-awake ends', async () => {
      const t = await setup(databaseId);
      const until = new Date(day(3, 12, 0)).toISOString();
      await expect(
        t.a.keepAwake(t.prod, until, {
          credentials: mockCredentials.user('user:default/ada'),
        }),
      ).resolves.toEqual({ environment: 'prod', keepAwakeUntil: until });
      expect((await t.b.scheduleOf(t.prod))?.keepAwakeUntil).toBe(until);

      t.setClock(day(2, 20, 0, 20));
      await t.tickBoth();
      expect(t.triggered).toHaveLength(0);
      expect((await t.a.scheduleOf(t.prod))?.recent[0]).toEqual(
        expect.objectContaining({
          outcome: 'skipped',
          reason: `kept awake until ${until} by user:default/ada`,
        }),
      );

      t.setClock(day(3, 20, 0, 20));
      await t.tickBoth();
      expect(t.triggered).toHaveLength(1);
      const recent = (await t.a.scheduleOf(t.prod))!.recent;
      expect(recent[0]).toEqual(
        expect.objectContaining({
          kind: 'park',
          at: new Date(day(3, 20, 0)).toISOString(),
          outcome: 'triggered',
        }),
      );
      expect((await t.a.scheduleOf(t.prod))?.keepAwakeUntil).toBeUndefined();
    });

    it('reports an occurrence whose instance stopped mid-way, never running it again', async () => {
      const t = await setup(databaseId);
      const at = new Date(day(2, 20, 0));
      // Another instance claimed it, then died before finishing.
      expect(
        await t.store.claimOccurrence(
          'prod',
          'park',
          at,
          new Date(day(2, 20, 0, 5)),
        ),
      ).toBe(true);
      t.setClock(day(2, 20, 5));
      await t.tickBoth();
      expect((await t.a.scheduleOf(t.prod))?.recent[0]).toEqual(
        expect.objectContaining({ outcome: 'pending' }),
      );
      t.setClock(day(2, 20, 25));
      await t.tickBoth();
      expect(t.triggered).toHaveLength(0);
      expect((await t.a.scheduleOf(t.prod))?.recent[0]).toEqual(
        expect.objectContaining({
          outcome: 'failed',
          reason: expect.stringMatching(/^outcome unknown/),
        }),
      );
    });

    it('lets only an owner keep it awake, for at most 7 days, audited', async () => {
      const t = await setup(databaseId);
      const soon = new Date(day(3, 12, 0)).toISOString();
      await expect(
        t.a.keepAwake(t.prod, soon, {
          credentials: mockCredentials.user('user:default/grace'),
        }),
      ).rejects.toMatchObject({ name: 'NotAllowedError' });
      await expect(
        t.a.keepAwake(t.prod, new Date(day(10, 12, 0)).toISOString(), {
          credentials: mockCredentials.user('user:default/ada'),
        }),
      ).rejects.toThrow(/more than 7 days away/);
      await expect(
        t.a.keepAwake(t.prod, new Date(day(1, 12, 0)).toISOString(), {
          credentials: mockCredentials.user('user:default/ada'),
        }),
      ).rejects.toThrow(/must be an ISO time in the future/);
      expect(await t.store.getKeepAwake('prod')).toBeUndefined();
      expect(
        t.events
          .filter(e => e.eventId === 'environment-keep-awake')
          .map(e => e.outcome),
      ).toEqual(['fail']);

      await t.a.keepAwake(t.prod, soon, {
        credentials: mockCredentials.user('user:default/ada'),
      });
      await expect(
        t.a.keepAwake(t.prod, null, {
          credentials: mockCredentials.user('user:default/ada'),
        }),
      ).resolves.toEqual({ environment: 'prod', keepAwakeUntil: null });
      expect(await t.store.getKeepAwake('prod')).toBeUndefined();
    });

    it('does not act for an actor outside the owning group, and says why', async () => {
      const t = await setup(databaseId, { actor: 'user:default/outsider' });
      expect((await t.a.scheduleOf(t.prod))?.actorProblem).toBe(
        "the schedule's actor user:default/outsider does not own resource:default/prod",
      );
      t.setClock(day(2, 20, 0, 20));
      await t.tickBoth();
      expect(t.triggered).toHaveLength(0);
      expect((await t.a.scheduleOf(t.prod))?.recent[0]).toEqual(
        expect.objectContaining({
          outcome: 'failed',
          reason:
            "the schedule's actor user:default/outsider does not own resource:default/prod",
        }),
      );
    });

    it('skips a scheduled unpark when not parked, and unparks after a park', async () => {
      const t = await setup(databaseId);
      t.setClock(day(2, 7, 0, 20));
      await t.tickBoth();
      expect((await t.a.scheduleOf(t.prod))?.recent[0]).toEqual(
        expect.objectContaining({ kind: 'unpark', reason: 'not parked' }),
      );
      await t.history.savePipeline(
        pipelineRecord({ id: 'p-5', number: 5 }),
        [
          workflowRecord({
            id: 'w-5',
            pipelineId: 'p-5',
            pipelineNumber: 5,
            name: 'park-infrastructure',
            kind: 'park',
            createdAt: new Date(day(2, 20, 0, 30)).toISOString(),
            stoppedAt: new Date(day(2, 20, 6)).toISOString(),
          }),
        ],
        [],
      );
      t.setClock(day(3, 7, 0, 20));
      await t.tickBoth();
      expect(t.triggered).toEqual([
        expect.objectContaining({
          parameters: {
            'unpark-infrastructure-mode': true,
            'terraform-prod-mode': false,
          },
        }),
      ]);
    });

    it('tells the owners, and only them, once per event with a stable topic and scope', async () => {
      const t = await setup(databaseId);
      await holdDeploy(t);
      t.setClock(day(2, 19, 35));
      await t.tickBoth();
      await t.tickBoth();
      t.setClock(day(2, 19, 36));
      await t.tickBoth();

      const byTopic = (topic: string) =>
        t.sent.filter(n => n.payload.topic === topic);
      expect(t.sent.map(n => n.recipients)).toEqual(
        t.sent.map(() => ({
          type: 'entity',
          entityRef: ['group:default/platform-team'],
          excludeEntityRef: SCHEDULER,
        })),
      );
      const approval = byTopic('environments:prod:approval');
      expect(approval).toHaveLength(1);
      expect(approval[0].payload).toEqual(
        expect.objectContaining({
          title: 'Production: deploy #412 awaits approval',
          scope: 'environments:prod:approval',
          link: '/catalog/default/resource/prod/environment',
          severity: 'high',
        }),
      );
      const warning = byTopic('environments:prod:scheduled-park');
      expect(warning).toHaveLength(1);
      expect(warning[0].payload.scope).toBe('environments:prod:scheduled-park');
      expect(warning[0].payload.description).toContain('Keep awake');

      // The next evening's warning has the same scope: the owners'
      // notification is updated, not duplicated.
      t.setClock(day(3, 19, 35));
      await t.tickBoth();
      const warnings = byTopic('environments:prod:scheduled-park');
      expect(warnings).toHaveLength(2);
      expect(new Set(warnings.map(w => w.payload.scope)).size).toBe(1);
    });

    it('tells the owners when a park finished or failed', async () => {
      const t = await setup(databaseId);
      await t.history.savePipeline(
        pipelineRecord({ id: 'p-6', number: 6 }),
        [
          workflowRecord({
            id: 'w-6',
            pipelineId: 'p-6',
            pipelineNumber: 6,
            name: 'park-infrastructure',
            kind: 'park',
            status: 'failed',
            createdAt: new Date(day(2, 11, 30)).toISOString(),
            stoppedAt: new Date(day(2, 11, 40)).toISOString(),
          }),
        ],
        [],
      );
      await t.tickBoth();
      await t.tickBoth();
      expect(
        t.sent
          .filter(n => n.payload.topic === 'environments:prod:park-result')
          .map(n => n.payload.title),
      ).toEqual(['Production: park #6 failed']);
    });
  });
});
