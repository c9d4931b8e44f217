import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import { announceOperations } from './announceOperations';
import type { OperationContext, OperationsService } from './types';

const ctx = { environment: 'prod' } as OperationContext;

function result(over: Partial<OperationResult>): OperationResult {
  return {
    operation: 'park',
    environment: 'prod',
    dryRun: false,
    message: 'Triggered',
    pipeline: { id: 'pl-9', number: 9, url: 'u', parameters: {} },
    ...over,
  };
}

function setup(inner: Partial<OperationsService>) {
  const changed = jest.fn();
  const refreshPipeline = jest
    .fn()
    .mockResolvedValue({ saved: true, terminal: false, finished: false });
  const operations = announceOperations(inner as OperationsService, {
    notifier: { changed },
    ingestion: { refreshPipeline },
    logger: mockServices.logger.mock(),
  });
  return { operations, changed, refreshPipeline };
}

describe('announceOperations', () => {
  it('announces a park at once (its lock says "Parking")', async () => {
    const { operations, changed, refreshPipeline } = setup({
      park: async () => result({}),
    });
    await operations.park(ctx);
    expect(changed).toHaveBeenCalledWith('prod', ['status', 'history']);
    // No workflow exists yet: nothing to read back.
    expect(refreshPipeline).not.toHaveBeenCalled();
  });

  it('announces an approval, and a bump as a change of the images', async () => {
    const { operations, changed, refreshPipeline } = setup({
      approve: async () => result({ operation: 'approve' }),
      bump: async () => result({ operation: 'bump', pipeline: undefined }),
    });
    await operations.approve({ ...ctx, workflowId: 'wf-1' });
    await operations.bump({ ...ctx, image: 'deployer' });
    expect(changed.mock.calls).toEqual([
      ['prod', ['status', 'history']],
      ['prod', ['images']],
    ]);
    // The approved pipeline is read back at once: "Deploying" now.
    expect(refreshPipeline).toHaveBeenCalledTimes(1);
    expect(refreshPipeline).toHaveBeenCalledWith('prod', 'pl-9');
  });

  it('announces nothing for a dry run or a refusal', async () => {
    const { operations, changed, refreshPipeline } = setup({
      park: async () => result({ dryRun: true }),
      unpark: async () => {
        throw new ConflictError('prod is locked');
      },
    });
    await operations.park({ ...ctx, dryRun: true });
    await expect(operations.unpark(ctx)).rejects.toThrow('prod is locked');
    expect(changed).not.toHaveBeenCalled();
    expect(refreshPipeline).not.toHaveBeenCalled();
  });

  it('announces a released lock', async () => {
    const pipelineFinished = jest.fn().mockResolvedValue(undefined);
    const { operations, changed } = setup({ pipelineFinished });
    await operations.pipelineFinished('prod', 'pl-9');
    expect(pipelineFinished).toHaveBeenCalledWith('prod', 'pl-9');
    expect(changed).toHaveBeenCalledWith('prod', ['status']);
  });
});
