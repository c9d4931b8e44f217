import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseOperationsStore } from './DatabaseOperationsStore';
import { IdempotencyRequest } from './OperationsStore';

jest.setTimeout(60_000);

const now = new Date('2026-11-26T12:00:00Z');
const later = (ms: number) => new Date(now.getTime() + ms);
const minute = (m: number) =>
  new Date(Date.UTC(2026, 0, 1, 0, m)).toISOString();

describe('DatabaseOperationsStore', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    return DatabaseOperationsStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  }

  const lock = (acquiredBy: string, at = now) => ({
    environment: 'prod',
    operation: 'park',
    acquiredBy,
    now: at,
    ttlMs: 60_000,
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('lets exactly one of many concurrent callers take the lock', async () => {
      const store = await createStore(databaseId);
      const results = await Promise.all(
        ['a', 'b', 'c', 'd', 'e'].map(who => store.acquireLock(lock(who))),
      );
      const winners = results.filter(r => r.acquired);
      expect(winners).toHaveLength(1);
      const losers = results.filter(r => !r.acquired) as {
        acquired: false;
        holder: { acquiredBy?: string };
      }[];
      expect(new Set(losers.map(l => l.holder.acquiredBy)).size).toBe(1);
    });

    it('names the pipeline holding the lock, and releases only for it', async () => {
      const store = await createStore(databaseId);
      await store.acquireLock(lock('user:default/ada'));
      await store.attachPipeline('prod', 'park', { id: 'p-412', number: 412 });
      const second = await store.acquireLock({
        ...lock('user:default/rlhatcher'),
        operation: 'unpark',
      });
      expect(second).toMatchObject({
        acquired: false,
        holder: {
          operation: 'park',
          pipelineId: 'p-412',
          pipelineNumber: 412,
          acquiredBy: 'user:default/ada',
        },
      });
      expect(await store.releaseLock('prod', 'p-999')).toBe(false);
      expect(await store.releaseLock('prod', 'p-412')).toBe(true);
      expect((await store.acquireLock(lock('x'))).acquired).toBe(true);
    });

    it('replaces an expired lock', async () => {
      const store = await createStore(databaseId);
      await store.acquireLock(lock('first'));
      expect(
        (await store.acquireLock(lock('second', later(30_000)))).acquired,
      ).toBe(false);
      expect(
        (await store.acquireLock(lock('third', later(61_000)))).acquired,
      ).toBe(true);
    });

    it('claims a key once, then replays the stored response', async () => {
      const store = await createStore(databaseId);
      const request: IdempotencyRequest = {
        key: 'k1',
        userEntityRef: 'user:default/ada',
        operation: 'park',
        environment: 'prod',
        fingerprint: 'f1',
      };
      const claims = await Promise.all([
        store.claimIdempotency(request, now),
        store.claimIdempotency(request, now),
      ]);
      expect(claims.map(c => c.state).sort()).toEqual(['new', 'pending']);
      await store.completeIdempotency(request, { pipeline: { number: 7 } });
      expect(await store.claimIdempotency(request, now)).toEqual({
        state: 'done',
        response: { pipeline: { number: 7 } },
      });
      expect(
        await store.claimIdempotency({ ...request, fingerprint: 'f2' }, now),
      ).toEqual({ state: 'mismatch', operation: 'park', environment: 'prod' });
      // The key is the caller's own: another user starts afresh.
      expect(
        (
          await store.claimIdempotency(
            { ...request, userEntityRef: 'user:default/grace' },
            now,
          )
        ).state,
      ).toBe('new');
    });

    it('records each webhook delivery once', async () => {
      const store = await createStore(databaseId);
      const results = await Promise.all([
        store.recordDelivery('e1', 'workflow-completed', now),
        store.recordDelivery('e1', 'workflow-completed', now),
      ]);
      expect(results.sort()).toEqual([false, true]);
      expect(await store.recordDelivery('e2', 'job-completed', now)).toBe(true);
      expect(await store.deleteDeliveriesBefore(later(1))).toBe(2);
    });

    it('forgets an abandoned claim so that a retry may act', async () => {
      const store = await createStore(databaseId);
      const request: IdempotencyRequest = {
        key: 'k2',
        userEntityRef: 'user:default/ada',
        operation: 'unpark',
        environment: 'prod',
        fingerprint: 'f',
      };
      expect((await store.claimIdempotency(request, now)).state).toBe('new');
      await store.abandonIdempotency(request);
      expect((await store.claimIdempotency(request, now)).state).toBe('new');
      expect(await store.deleteIdempotencyBefore(later(1))).toBe(1);
    });

    it('keeps a key whose outcome is unknown, with what was sent, until it completes', async () => {
      const store = await createStore(databaseId);
      const request: IdempotencyRequest = {
        key: 'k3',
        userEntityRef: 'user:default/ada',
        operation: 'park',
        environment: 'prod',
        fingerprint: 'f',
      };
      const attempt = {
        kind: 'pipeline' as const,
        operation: 'park',
        projectSlug: 'gh/rlhatcher/rocket-club',
        branch: 'main',
        parameters: { 'park-infrastructure-mode': true },
        sentAt: now.toISOString(),
      };
      await store.claimIdempotency(request, now);
      await store.setIdempotencyAttempt(request, attempt);
      expect(await store.claimIdempotency(request, now)).toEqual({
        state: 'pending',
        since: now.toISOString(),
        attempt,
      });
      await store.markIdempotencyUnknown(request);
      expect(await store.claimIdempotency(request, now)).toMatchObject({
        state: 'unknown',
        attempt,
      });
      expect(await store.listUnresolvedIdempotency(later(1))).toEqual([
        expect.objectContaining({ key: 'k3', state: 'unknown', attempt }),
      ]);
      await store.completeIdempotency(request, { message: 'adopted' });
      expect(await store.claimIdempotency(request, now)).toEqual({
        state: 'done',
        response: { message: 'adopted' },
      });
      // A completed key is never abandoned.
      await store.abandonIdempotency(request);
      expect((await store.claimIdempotency(request, now)).state).toBe('done');
      expect(await store.listUnresolvedIdempotency(later(1))).toEqual([]);
    });

    it('marks a lock without its pipeline unknown, and adopting a pipeline holds it again', async () => {
      const store = await createStore(databaseId);
      await store.acquireLock({
        ...lock('user:default/ada'),
        idempotencyKey: 'k4',
      });
      await store.markLockUnknown('prod');
      expect(await store.listLocks()).toEqual([
        expect.objectContaining({ state: 'unknown', idempotencyKey: 'k4' }),
      ]);
      await store.attachPipeline('prod', 'park', { id: 'p-1', number: 1 });
      // A lock with its pipeline is never marked unknown again.
      await store.markLockUnknown('prod');
      expect(await store.listLocks()).toEqual([
        expect.objectContaining({ state: 'held', pipelineId: 'p-1' }),
      ]);
    });

    it('reads an operation lock until it expires', async () => {
      const knex = await databases.init(databaseId as any);
      const store = await DatabaseOperationsStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await knex('operation_locks').insert({
        environment: 'prod',
        operation: 'park',
        pipeline_id: 'p-9',
        pipeline_number: 9,
        acquired_by: 'user:default/guest',
        acquired_at: new Date(minute(1)),
        expires_at: new Date(minute(31)),
      });
      expect(await store.getLock('prod', new Date(minute(10)))).toEqual({
        environment: 'prod',
        operation: 'park',
        pipelineId: 'p-9',
        pipelineNumber: 9,
        state: 'held',
        acquiredBy: 'user:default/guest',
        acquiredAt: minute(1),
        expiresAt: minute(31),
      });
      expect(await store.getLock('prod', new Date(minute(31)))).toBeUndefined();
      expect(
        await store.getLock('staging', new Date(minute(10))),
      ).toBeUndefined();
    });

    it('records who caused what, once per subject, for the read side', async () => {
      const knex = await databases.init(databaseId as any);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseOperationsStore.create({ database });
      const record = {
        environment: 'prod',
        subjectKind: 'pipeline' as const,
        subjectId: 'p-1',
        userEntityRef: 'user:default/ada',
        operation: 'park',
      };
      await store.recordInitiator(record, now);
      await store.recordInitiator(
        { ...record, userEntityRef: 'user:default/grace' },
        later(1),
      );
      const people = await store.initiators('prod', 'pipeline', ['p-1', 'p-2']);
      expect([...people]).toEqual([['p-1', 'user:default/grace']]);
    });
  });
});
