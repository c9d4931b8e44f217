import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  environmentParkPermission,
  environmentReadPermission,
} from '@rocket-club/plugin-environments-common';
import { cachedReadDecisions } from './cachedReadDecisions';

const read = (resourceRef: string) => ({
  permission: environmentReadPermission,
  resourceRef,
});

function setup(ttlMs = 10_000) {
  const inner = mockServices.permissions.mock();
  let decision = AuthorizeResult.ALLOW as AuthorizeResult;
  inner.authorize.mockImplementation(async requests =>
    requests.map(() => ({ result: decision } as any)),
  );
  let clock = 0;
  const permissions = cachedReadDecisions(inner, { ttlMs, now: () => clock });
  return {
    inner,
    permissions,
    decide: (d: AuthorizeResult) => (decision = d),
    tick: (ms: number) => (clock += ms),
  };
}

describe('cachedReadDecisions', () => {
  const ada = { credentials: mockCredentials.user('user:default/ada') };
  const grace = { credentials: mockCredentials.user('user:default/grace') };

  it('asks the policy once per user and environment within the TTL', async () => {
    const { inner, permissions, tick } = setup();
    for (let i = 0; i < 5; i++) {
      await expect(
        permissions.authorize([read('resource:default/prod')], ada),
      ).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
    }
    expect(inner.authorize).toHaveBeenCalledTimes(1);
    // Another user, another environment: decided on their own.
    await permissions.authorize([read('resource:default/prod')], grace);
    await permissions.authorize([read('resource:default/dev')], ada);
    expect(inner.authorize).toHaveBeenCalledTimes(3);
    tick(10_001);
    await permissions.authorize([read('resource:default/prod')], ada);
    expect(inner.authorize).toHaveBeenCalledTimes(4);
  });

  it('keeps a denial too, and lets a policy change through after the TTL', async () => {
    const { permissions, decide, tick } = setup();
    decide(AuthorizeResult.DENY);
    await permissions.authorize([read('resource:default/prod')], ada);
    decide(AuthorizeResult.ALLOW);
    await expect(
      permissions.authorize([read('resource:default/prod')], ada),
    ).resolves.toEqual([{ result: AuthorizeResult.DENY }]);
    tick(10_001);
    await expect(
      permissions.authorize([read('resource:default/prod')], ada),
    ).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
  });

  it('shares one question among concurrent reads, and not a failed one', async () => {
    const { inner, permissions } = setup();
    let answer!: () => void;
    inner.authorize.mockImplementationOnce(
      requests =>
        new Promise(resolve => {
          answer = () =>
            resolve(requests.map(() => ({ result: AuthorizeResult.ALLOW })));
        }),
    );
    // The environment tab: status, history and images at once.
    const reads = [1, 2, 3].map(() =>
      permissions.authorize([read('resource:default/prod')], ada),
    );
    await new Promise(r => setImmediate(r));
    expect(inner.authorize).toHaveBeenCalledTimes(1);
    answer();
    for (const r of reads) {
      await expect(r).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
    }
    // Another user is never answered by ada's question.
    await permissions.authorize([read('resource:default/prod')], grace);
    expect(inner.authorize).toHaveBeenCalledTimes(2);

    const fresh = setup();
    fresh.inner.authorize.mockRejectedValueOnce(new Error('unreachable'));
    const failed = [1, 2].map(() =>
      fresh.permissions.authorize([read('resource:default/prod')], ada),
    );
    for (const f of failed) await expect(f).rejects.toThrow('unreachable');
    expect(fresh.inner.authorize).toHaveBeenCalledTimes(1);
    // Asked again, not answered by the failure.
    await expect(
      fresh.permissions.authorize([read('resource:default/prod')], ada),
    ).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
    expect(fresh.inner.authorize).toHaveBeenCalledTimes(2);
  });

  it('asks only for the missing decisions of a batch, in order', async () => {
    const { inner, permissions } = setup();
    await permissions.authorize([read('resource:default/prod')], ada);
    const answers = await permissions.authorize(
      [read('resource:default/dev'), read('resource:default/prod')],
      ada,
    );
    expect(answers).toHaveLength(2);
    expect(inner.authorize).toHaveBeenLastCalledWith(
      [read('resource:default/dev')],
      ada,
    );
  });

  it('never caches mutations, conditional answers, services or TTL 0', async () => {
    const { inner, permissions, decide } = setup();
    const park = {
      permission: environmentParkPermission,
      resourceRef: 'resource:default/prod',
    };
    await permissions.authorize([park], ada);
    await permissions.authorize([park], ada);
    expect(inner.authorize).toHaveBeenCalledTimes(2);

    decide(AuthorizeResult.CONDITIONAL);
    await permissions.authorize([read('resource:default/x')], ada);
    await permissions.authorize([read('resource:default/x')], ada);
    expect(inner.authorize).toHaveBeenCalledTimes(4);

    decide(AuthorizeResult.ALLOW);
    const service = { credentials: mockCredentials.service() };
    await permissions.authorize([read('resource:default/y')], service);
    await permissions.authorize([read('resource:default/y')], service);
    expect(inner.authorize).toHaveBeenCalledTimes(6);

    const off = setup(0);
    await off.permissions.authorize([read('resource:default/prod')], ada);
    await off.permissions.authorize([read('resource:default/prod')], ada);
    expect(off.inner.authorize).toHaveBeenCalledTimes(2);
  });
});
