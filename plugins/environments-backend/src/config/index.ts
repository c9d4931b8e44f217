export { readEnvironmentsConfig } from './readEnvironmentsConfig';
export type {
  CircleCiSettings,
  EcrSettings,
  EndpointDefinition,
  EnvironmentDefinition,
  EnvironmentsConfig,
  ImageDefinition,
  PipelineParameterValue,
  WorkflowKind,
} from './types';
