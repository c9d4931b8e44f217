export { createEnvironmentImageLatestAction } from './imageLatest';
export { createEnvironmentImageBumpAction } from './imageBump';
export { createEnvironmentParkAction } from './park';
export { createEnvironmentUnparkAction } from './unpark';
export { createEnvironmentImageRebuildAction } from './imageRebuild';
export { createCircleciPipelineTriggerAction } from './pipelineTrigger';
export type {
  EnvironmentActionOptions,
  PipelineActionOptions,
} from './options';
