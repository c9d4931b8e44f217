import type { LoggerService } from '@backstage/backend-plugin-api';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { ChangeNotifier, ChangePart } from '../ChangeNotifier';
import type { IngestionService } from '../IngestionService/types';
import type { OperationsService } from './types';

/** What each operation changes on the environment page. */
const PARTS: Record<OperationResult['operation'], ChangePart[]> = {
  park: ['status', 'history'],
  unpark: ['status', 'history'],
  rebuild: ['status', 'history'],
  drift: ['status', 'history'],
  trigger: ['status', 'history'],
  approve: ['status', 'history'],
  // The open bump pull request is part of the images view.
  bump: ['images'],
};

/**
 * Wraps the operations service so that every change it makes is announced
 * at once (the lock it took shows "Parking" before CircleCI lists the
 * pipeline), and an approved pipeline is read back from CircleCI right
 * away instead of at the next sync; that read announces what it finds. Dry runs and failures change nothing and announce
 * nothing.
 */
export function announceOperations(
  operations: OperationsService,
  options: {
    notifier: ChangeNotifier;
    ingestion?: Pick<IngestionService, 'refreshPipeline'>;
    logger: LoggerService;
  },
): OperationsService {
  const { notifier, ingestion, logger } = options;

  const announce = (result: OperationResult) => {
    if (result.dryRun) return result;
    notifier.changed(result.environment, PARTS[result.operation]);
    const pipelineId = result.pipeline?.id;
    // An approved hold resumes at once: read it back so the page says
    // "Deploying" now. A triggered pipeline has no workflow yet; the lock
    // already says what is happening, and webhooks or the sync bring it.
    if (ingestion && pipelineId && result.operation === 'approve') {
      ingestion
        .refreshPipeline(result.environment, pipelineId)
        .catch(error =>
          logger.debug(
            `Could not read pipeline ${pipelineId} of ${result.environment} back yet: ${error}`,
          ),
        );
    }
    return result;
  };

  return {
    park: async ctx => announce(await operations.park(ctx)),
    unpark: async ctx => announce(await operations.unpark(ctx)),
    rebuild: async ctx => announce(await operations.rebuild(ctx)),
    checkDrift: async ctx => announce(await operations.checkDrift(ctx)),
    approve: async ctx => announce(await operations.approve(ctx)),
    trigger: async ctx => announce(await operations.trigger(ctx)),
    bump: async ctx => announce(await operations.bump(ctx)),
    recover: () => operations.recover(),
    async pipelineFinished(environment, pipelineId) {
      await operations.pipelineFinished(environment, pipelineId);
      // The lock may have been released: Park and Unpark become usable.
      notifier.changed(environment, ['status']);
    },
  };
}

/**
 * The operations service with `changed()` called after every call, whatever
 * its outcome (a refused park may still have refreshed state).
 */
export function announcingChanges<T extends object>(
  changed: () => void,
  service: T,
): T {
  const out = { ...service } as Record<string, unknown>;
  for (const [name, fn] of Object.entries(service)) {
    if (typeof fn !== 'function') continue;
    out[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } finally {
        changed();
      }
    };
  }
  return out as T;
}
