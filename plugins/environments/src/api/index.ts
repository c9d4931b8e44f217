export { environmentsApiRef } from './EnvironmentsApi';
export type {
  BumpImageRequest,
  DeploymentQuery,
  EnvironmentsApi,
  MutationOptions,
} from './EnvironmentsApi';
export { EnvironmentsClient } from './EnvironmentsClient';
