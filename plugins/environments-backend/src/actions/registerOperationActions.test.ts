import { mockCredentials } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { OperationsService } from '../services/OperationsService/types';
import { registerOperationActions } from './registerOperationActions';

function setup() {
  const calls: { op: string; ctx: any }[] = [];
  const result = (op: string): OperationResult => ({
    operation: op as OperationResult['operation'],
    environment: 'prod',
    dryRun: false,
    message: `did ${op}`,
    pipeline: { id: 'p', number: 9, url: 'http://ci/9', parameters: {} },
  });
  const recorder =
    (op: string, extra: object = {}) =>
    async (ctx: any) => {
      calls.push({ op, ctx });
      return { ...result(op), ...extra };
    };
  const operations = {
    park: recorder('park'),
    unpark: recorder('unpark'),
    approve: recorder('approve', {
      workflowId: 'w-1',
      plan: {
        status: 'ok',
        createdAt: '2026-12-01T09:00:00Z',
        counts: { create: 1, update: 0, delete: 0, replace: 1 },
        changes: [
          {
            address: 'module.aurora.aws_rds_cluster.this',
            type: 'aws_rds_cluster',
            actions: ['delete', 'create'],
          },
          { address: 'aws_x.y', type: 'aws_x', actions: ['create'] },
        ],
        protected: [
          {
            address: 'module.aurora.aws_rds_cluster.this',
            type: 'aws_rds_cluster',
            actions: ['delete', 'create'],
          },
        ],
        drift: [],
      },
    }),
    bump: recorder('bump', {
      pipeline: undefined,
      diff: '-a\n+b',
      pullRequest: {
        url: 'http://gh/pull/4',
        branch: 'b',
        title: 't',
        body: '',
        updated: false,
      },
    }),
  } as unknown as OperationsService;
  const registry = actionsRegistryServiceMock();
  registerOperationActions(registry, operations);
  return { registry, calls };
}

describe('registerOperationActions', () => {
  it('registers park, unpark, approve and bump', async () => {
    const { registry } = setup();
    const { actions } = await registry.list();
    expect(actions.map(a => a.name).sort()).toEqual([
      'approve-environment-apply',
      'bump-environment-image',
      'park-environment',
      'unpark-environment',
    ]);
  });

  it('approves with the confirmation, returning the plan review', async () => {
    const { registry, calls } = setup();
    const credentials = mockCredentials.user('user:default/ada');
    const { output } = await registry.invoke({
      id: 'test:approve-environment-apply',
      input: { environment: 'prod', workflowId: 'w-1', confirm: 'prod' },
      credentials,
    });
    expect(calls[0].ctx).toMatchObject({
      workflowId: 'w-1',
      confirm: 'prod',
      credentials,
    });
    expect(output).toMatchObject({
      plan: {
        status: 'ok',
        counts: { create: 1, update: 0, delete: 0, replace: 1 },
        protected: ['module.aurora.aws_rds_cluster.this'],
        changes: [
          'delete+create module.aurora.aws_rds_cluster.this',
          'create aws_x.y',
        ],
      },
    });
    await expect(
      registry.invoke({
        id: 'test:approve-environment-apply',
        input: { environment: 'prod', workflowId: 'w-1', confrim: 'prod' },
        credentials,
      }),
    ).rejects.toThrow();
    expect(calls).toHaveLength(1);
  });

  it('parks on behalf of the calling user', async () => {
    const { registry, calls } = setup();
    const credentials = mockCredentials.user('user:default/ada');
    const { output } = await registry.invoke({
      id: 'test:park-environment',
      input: { environment: 'prod' },
      credentials,
    });
    expect(output).toEqual({
      message: 'did park',
      dryRun: false,
      pipelineNumber: 9,
      pipelineUrl: 'http://ci/9',
    });
    expect(calls[0].ctx).toMatchObject({ environment: 'prod', credentials });
  });

  it('bumps with the default image and returns the diff and the pull request', async () => {
    const { registry, calls } = setup();
    const { output } = await registry.invoke({
      id: 'test:bump-environment-image',
      input: { environment: 'prod', dryRun: true },
      credentials: mockCredentials.user('user:default/ada'),
    });
    expect(calls[0].ctx).toMatchObject({ image: 'deployer', dryRun: true });
    expect(output).toMatchObject({
      diff: '-a\n+b',
      pullRequestUrl: 'http://gh/pull/4',
    });
  });

  it.each([
    ['park-environment', { environment: 'prod', dry_run: true }],
    ['unpark-environment', { environment: 'prod', dryrun: true }],
    ['bump-environment-image', { environment: 'prod', dry_run: true }],
  ])(
    'refuses %s with an unknown argument instead of acting for real',
    async (action, input) => {
      const { registry, calls } = setup();
      await expect(
        registry.invoke({
          id: `test:${action}`,
          input,
          credentials: mockCredentials.user('user:default/ada'),
        }),
      ).rejects.toThrow(/dry_?run|Unrecognized key/i);
      expect(calls).toEqual([]);
    },
  );

  it('refuses a service principal', async () => {
    const { registry, calls } = setup();
    await expect(
      registry.invoke({
        id: 'test:unpark-environment',
        input: { environment: 'prod' },
        credentials: mockCredentials.service('plugin:catalog'),
      }),
    ).rejects.toThrow(
      'Environment operations must be called on behalf of a user',
    );
    expect(calls).toEqual([]);
  });
});
