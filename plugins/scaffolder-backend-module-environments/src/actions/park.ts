import { createPipelineOperationAction } from './pipelineOperation';
import { PipelineActionOptions } from './options';
import { examples } from './park.examples';

/**
 * Creates the `environments:park` action.
 *
 * @param options - the auth and discovery services; a clock for tests
 */
export function createEnvironmentParkAction(options: PipelineActionOptions) {
  return createPipelineOperationAction({
    ...options,
    id: 'environments:park',
    operation: 'park',
    description:
      'Park an environment by triggering its park pipeline, which scales down non-essential compute and keeps stateful services, optionally waiting for the outcome.',
    examples,
  });
}
