import { createPipelineOperationAction } from './pipelineOperation';
import { PipelineActionOptions } from './options';
import { examples } from './unpark.examples';

/**
 * Creates the `environments:unpark` action.
 *
 * @param options - the auth and discovery services; a clock for tests
 */
export function createEnvironmentUnparkAction(options: PipelineActionOptions) {
  return createPipelineOperationAction({
    ...options,
    id: 'environments:unpark',
    operation: 'unpark',
    description:
      'Unpark an environment by triggering its unpark pipeline, which restores normal capacity, optionally waiting for the outcome.',
    examples,
  });
}
