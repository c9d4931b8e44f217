import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  operationsHarness,
  owner,
  stranger,
} from '../../__testUtils__/operationsHarness';
import { pipelineRecord, workflowRecord } from '../../__testUtils__/records';

jest.setTimeout(60_000);

const server = setupServer();
registerMswTestHooks(server);

/**
 * Issue 12, cases 6, 7, 8 and 11: one set of guards for real and dry runs,
 * one resolver, the person behind each pipeline, and no park of a parked
 * environment.
 */
describe('operation guards', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const setup = async (databaseId: string) =>
    operationsHarness(await databases.init(databaseId as any), server);

  /** Stores a finished (or running) park/unpark workflow. */
  async function lifecycle(
    t: Awaited<ReturnType<typeof setup>>,
    kind: 'park' | 'unpark',
    status: 'success' | 'running',
    number = 7,
  ) {
    await t.history.savePipeline(
      pipelineRecord({
        id: `p-${number}`,
        number,
        terminal: status !== 'running',
      }),
      [
        workflowRecord({
          id: `w-${number}`,
          pipelineId: `p-${number}`,
          pipelineNumber: number,
          name: `${kind}-infrastructure`,
          kind,
          status,
          stoppedAt: status === 'running' ? undefined : '2026-01-01T00:05:00Z',
        }),
      ],
      [],
    );
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('answers a dry-run park while a park is running as the real call would, with zero upstream calls', async () => {
      const t = await setup(databaseId);
      await lifecycle(t, 'park', 'running', 55);
      const dry = await t.service.park({
        environment: 'prod',
        credentials: owner,
        dryRun: true,
      });
      expect(dry).toMatchObject({
        dryRun: true,
        wouldSucceed: false,
        reason: 'prod is locked: park pipeline #55 is running',
      });
      await expect(
        t.service.park({ environment: 'prod', credentials: owner }),
      ).rejects.toThrow('prod is locked: park pipeline #55 is running');
      expect(t.upstreamCalls()).toBe(0);
    });

    it('answers a dry run while the lock is held, and says it would succeed once free', async () => {
      const t = await setup(databaseId);
      const free = await t.service.rebuild({
        environment: 'prod',
        credentials: owner,
        dryRun: true,
      });
      expect(free).toMatchObject({ wouldSucceed: true, dryRun: true });
      await t.service.rebuild({ environment: 'prod', credentials: owner });
      const held = await t.service.park({
        environment: 'prod',
        credentials: owner,
        dryRun: true,
      });
      expect(held).toMatchObject({
        wouldSucceed: false,
        reason: 'prod is locked: rebuild pipeline #1 is running',
      });
      expect(t.triggered).toHaveLength(1);
    });

    it('answers a dry run by a non-owner with the permission refusal', async () => {
      const t = await setup(databaseId);
      const dry = await t.service.park({
        environment: 'prod',
        credentials: stranger,
        dryRun: true,
      });
      expect(dry).toMatchObject({
        wouldSucceed: false,
        reason: expect.stringContaining('user:default/grace may not park prod'),
      });
      expect(t.upstreamCalls()).toBe(0);
    });

    it.each([
      ['park', 'park', 'prod is already parked'],
      ['unpark', 'unpark', 'prod is already active'],
    ] as const)(
      'refuses to %s when the environment already is, real and dry, with zero upstream calls',
      async (operation, last, message) => {
        const t = await setup(databaseId);
        await lifecycle(t, last, 'success');
        await expect(
          t.service[operation]({ environment: 'prod', credentials: owner }),
        ).rejects.toMatchObject({ name: 'ConflictError', message });
        await expect(
          t.service[operation]({
            environment: 'prod',
            credentials: owner,
            dryRun: true,
          }),
        ).resolves.toMatchObject({ wouldSucceed: false, reason: message });
        expect(t.upstreamCalls()).toBe(0);
        expect(t.events[0]).toMatchObject({ outcome: 'fail', error: message });
      },
    );

    it('resolves the entity ref forms that reads accept', async () => {
      const t = await setup(databaseId);
      for (const environment of [
        'component:default/rocket-club',
        'Resource:default/prod',
      ]) {
        await expect(
          t.service.rebuild({ environment, credentials: owner, dryRun: true }),
        ).resolves.toMatchObject({ environment: 'prod', wouldSucceed: true });
      }
    });

    it('records the Backstage user behind the pipeline it triggers', async () => {
      const t = await setup(databaseId);
      const result = await t.service.park({
        environment: 'prod',
        credentials: owner,
      });
      const people = await t.store.initiators('prod', 'pipeline', [
        result.pipeline!.id,
      ]);
      expect(people.get(result.pipeline!.id)).toBe('user:default/ada');
    });
  });
});
