export { readEnvironmentsConfig } from './readEnvironmentsConfig';
export type {
  CircleCiSettings,
  EcrSettings,
  EndpointDefinition,
  EnvironmentDefinition,
  EnvironmentsConfig,
  ImageDefinition,
  NotifySettings,
  ScheduleDefinition,
  PipelineParameterValue,
  WorkflowKind,
} from './types';
