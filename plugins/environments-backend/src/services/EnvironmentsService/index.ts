export { createEnvironmentsService } from './createEnvironmentsService';
export type { EnvironmentsServiceOptions } from './createEnvironmentsService';
export type {
  DeploymentQuery,
  EnvironmentsService,
  ReadOptions,
} from './types';
