import {
  registerMswTestHooks,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import {
  operationsHarness,
  owner,
} from '../../__testUtils__/operationsHarness';
import { pipelineRecord, workflowRecord } from '../../__testUtils__/records';

jest.setTimeout(60_000);

const server = setupServer();
registerMswTestHooks(server);

const PARK = { 'park-infrastructure-mode': true, 'terraform-prod-mode': false };
const TIMEOUT_MS = 300;

/**
 * Issue 12, cases 2 and 9: a write whose answer is lost is reconciled
 * against CircleCI, never blindly repeated; a lock or key orphaned by a
 * crash is recovered the same way.
 */
describe('reconciliation of unknown outcomes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  const setup = async (databaseId: string) =>
    operationsHarness(await databases.init(databaseId as any), server, {
      requestTimeoutMs: TIMEOUT_MS,
    });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it.each(['lost', '5xx-after'] as const)(
      'adopts the pipeline of a park whose answer was %s, and triggers no second one',
      async mode => {
        const t = await setup(databaseId);
        t.trigger.next.push(mode);
        const ctx = {
          environment: 'prod',
          credentials: owner,
          idempotencyKey: 'ui:park-1',
        };
        const first = await t.service.park(ctx);
        expect(first).toMatchObject({
          operation: 'park',
          dryRun: false,
          pipeline: { number: 1, parameters: PARK },
        });
        const again = await t.service.park(ctx);
        expect(again).toEqual(first);
        expect(t.triggered).toHaveLength(1);
        const audit = t.events.find(e => e.eventId === 'environment-operation');
        expect(audit).toMatchObject({
          outcome: 'success',
          after: { outcome: 'unknown', resolved: 'pipeline #1' },
        });
        // The lock holds the adopted pipeline: another park is refused.
        await expect(
          t.service.unpark({ environment: 'prod', credentials: owner }),
        ).rejects.toThrow('prod is locked: park pipeline #1 is running');
      },
    );

    it('keeps key and lock unknown after a timeout, and the retry with the same key returns the one pipeline', async () => {
      const t = await setup(databaseId);
      t.trigger.next.push('late');
      const ctx = {
        environment: 'prod',
        credentials: owner,
        idempotencyKey: 'ui:park-2',
      };
      await expect(t.service.park(ctx)).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(
          /no answer within 300 ms.*The outcome is unknown.*retry with the same Idempotency-Key/s,
        ),
      });
      expect(t.events[0]).toMatchObject({
        outcome: 'fail',
        after: { outcome: 'unknown' },
      });
      // A different request is refused while the outcome is unknown.
      await expect(
        t.service.rebuild({ environment: 'prod', credentials: owner }),
      ).rejects.toThrow(/prod is locked: the outcome of a park requested at/);
      // CircleCI creates the pipeline after the client gave up.
      for (let i = 0; i < 100 && t.circle.pipelines().length === 0; i++) {
        await new Promise(r => setTimeout(r, 20));
      }
      const retried = await t.service.park(ctx);
      expect(retried).toMatchObject({ pipeline: { number: 1 } });
      expect(await t.service.park(ctx)).toEqual(retried);
      expect(t.triggered).toHaveLength(1);
      expect(
        t.events.find(e => e.eventId === 'environment-operation-reconciled'),
      ).toMatchObject({
        outcome: 'success',
        after: { resolved: 'pipeline #1' },
      });
      await expect(
        t.service.park({ ...ctx, idempotencyKey: 'ui:park-3' }),
      ).rejects.toThrow('prod is locked: park pipeline #1 is running');
    });

    it('releases an unknown key only once reconciliation proves no pipeline within the window', async () => {
      const t = await setup(databaseId);
      t.trigger.next.push('5xx');
      const ctx = {
        environment: 'prod',
        credentials: owner,
        idempotencyKey: 'ui:park-4',
      };
      await expect(t.service.park(ctx)).rejects.toThrow(
        'The outcome is unknown',
      );
      t.clock.t += 60_000;
      await expect(t.service.park(ctx)).rejects.toThrow(
        /is not known yet: the portal is looking for its pipeline in CircleCI until/,
      );
      expect(t.triggered).toHaveLength(0);
      t.clock.t += 90_000;
      const result = await t.service.park(ctx);
      expect(result.pipeline?.number).toBe(1);
      expect(t.triggered).toHaveLength(1);
      expect(
        t.events.find(e => e.eventId === 'environment-operation-reconciled'),
      ).toMatchObject({ after: { resolved: 'nothing happened' } });
    });

    it('refuses a same-key retry while the first request is still on its way, and triggers once', async () => {
      const t = await setup(databaseId);
      t.trigger.next.push('late');
      const ctx = {
        environment: 'prod',
        credentials: owner,
        idempotencyKey: 'ui:park-5',
      };
      const first = t.service.park(ctx).catch(e => e as Error);
      await new Promise(r => setTimeout(r, TIMEOUT_MS / 3));
      await expect(t.service.park(ctx)).rejects.toThrow(
        'A request with Idempotency-Key "ui:park-5" is still in progress',
      );
      expect(await first).toMatchObject({ name: 'ServiceUnavailableError' });
      for (let i = 0; i < 100 && t.circle.pipelines().length === 0; i++) {
        await new Promise(r => setTimeout(r, 20));
      }
      expect((await t.service.park(ctx)).pipeline?.number).toBe(1);
      expect(t.triggered).toHaveLength(1);
    });

    it('adopts an approval whose answer was lost', async () => {
      const t = await setup(databaseId);
      const { pipeline: p, workflow: w } = await t.heldDeploy();
      t.trigger.approve.push('lost');
      const ctx = {
        environment: 'prod',
        credentials: owner,
        workflowId: w.id,
        idempotencyKey: 'ui:approve-1',
      };
      const result = await t.service.approve(ctx);
      expect(result.message).toBe(
        `Approved hold-terraform-prod-apply of terraform-prod (pipeline #${p.number})`,
      );
      expect(await t.service.approve(ctx)).toEqual(result);
      expect(t.approved).toHaveLength(1);
    });

    it('recovers a lock and key orphaned by a crash during the trigger, and releases the lock once the park finished', async () => {
      const t = await setup(databaseId);
      // What a backend killed mid-trigger leaves: the lock and the key
      // with what was about to be sent, and CircleCI ran the park anyway.
      const sentAt = new Date(t.clock.t).toISOString();
      const key = {
        key: 'scaffolder:task-1:park:0123',
        userEntityRef: 'user:default/ada',
        operation: 'park',
        environment: 'prod',
        fingerprint: 'x',
      };
      const attempt = {
        kind: 'pipeline' as const,
        operation: 'park',
        projectSlug: 'gh/rlhatcher/rocket-club',
        branch: 'main',
        parameters: PARK,
        sentAt,
      };
      await t.store.acquireLock({
        environment: 'prod',
        operation: 'park',
        acquiredBy: key.userEntityRef,
        now: new Date(t.clock.t),
        ttlMs: 2 * 3600_000,
        idempotencyKey: key.key,
      });
      await t.store.setLockAttempt('prod', attempt);
      await t.store.claimIdempotency(key, new Date(t.clock.t));
      await t.store.setIdempotencyAttempt(key, attempt);
      const ran = t.circle.addPipeline({
        createdAt: sentAt,
        parameters: PARK,
        workflows: [{ name: 'park-infrastructure', status: 'running' }],
      });

      // While the request could still be in flight, nothing is touched.
      await t.service.recover();
      expect((await t.store.listLocks())[0].pipelineId).toBeUndefined();

      t.clock.t += 3 * 60_000;
      await t.service.recover();
      const [lock] = await t.store.listLocks();
      expect(lock).toMatchObject({ pipelineId: ran.id, pipelineNumber: 1 });
      // The page shows the lock, and a retried scaffolder step gets the
      // park that ran instead of "still in progress".
      const claim = await t.store.claimIdempotency(key, new Date(t.clock.t));
      expect(claim).toMatchObject({
        state: 'done',
        response: { pipeline: { id: ran.id, number: 1 } },
      });

      // The park finishes; housekeeping releases the lock.
      await t.history.savePipeline(
        pipelineRecord({ id: ran.id, number: 1, terminal: true }),
        [
          workflowRecord({
            id: 'w-park',
            pipelineId: ran.id,
            pipelineNumber: 1,
            name: 'park-infrastructure',
            kind: 'park',
            status: 'success',
            createdAt: sentAt,
            stoppedAt: sentAt,
          }),
        ],
        [],
      );
      await t.service.recover();
      expect(await t.store.listLocks()).toEqual([]);
      await expect(
        t.service.unpark({ environment: 'prod', credentials: owner }),
      ).resolves.toMatchObject({ operation: 'unpark' });
      expect(t.triggered).toHaveLength(1);
    });

    it('releases a lock and key whose process died before sending anything', async () => {
      const t = await setup(databaseId);
      await t.store.acquireLock({
        environment: 'prod',
        operation: 'park',
        acquiredBy: 'user:default/ada',
        now: new Date(t.clock.t),
        ttlMs: 2 * 3600_000,
        idempotencyKey: 'k-1',
      });
      const key = {
        key: 'k-1',
        userEntityRef: 'user:default/ada',
        operation: 'park',
        environment: 'prod',
        fingerprint: 'x',
      };
      await t.store.claimIdempotency(key, new Date(t.clock.t));
      t.clock.t += 3 * 60_000;
      await t.service.recover();
      expect(await t.store.listLocks()).toEqual([]);
      expect(
        (await t.store.claimIdempotency(key, new Date(t.clock.t))).state,
      ).toBe('new');
    });
  });
});
