import type { OperationsServiceOptions } from './types';

const refuse = (what: string) => () => {
  throw new Error(`environments.${what} is not configured`);
};

/**
 * Stand-ins for the upstream clients of a block missing from config: the
 * plugin starts, and only the operations that need the block fail, saying
 * which block it is.
 */
export const unconfigured: Pick<OperationsServiceOptions, 'circleci' | 'ecr'> =
  {
    circleci: {
      listPipelines: refuse('circleci'),
      triggerPipeline: refuse('circleci'),
      listJobs: refuse('circleci'),
      approveJob: refuse('circleci'),
    },
    ecr: { listImages: refuse('ecr') },
  };
