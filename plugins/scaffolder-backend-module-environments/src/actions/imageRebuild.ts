import { createPipelineOperationAction } from './pipelineOperation';
import { PipelineActionOptions } from './options';
import { examples } from './imageRebuild.examples';

/**
 * Creates the `environments:image:rebuild` action.
 *
 * @param options - the auth and discovery services; a clock for tests
 */
export function createEnvironmentImageRebuildAction(
  options: PipelineActionOptions,
) {
  return createPipelineOperationAction({
    ...options,
    id: 'environments:image:rebuild',
    operation: 'rebuild',
    description:
      "Rebuild an environment's Prefect base image by triggering its image refresh pipeline, optionally waiting for the outcome.",
    examples,
  });
}
