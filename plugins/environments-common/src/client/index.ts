export { EnvironmentsClient } from './EnvironmentsClient';
export type {
  DeploymentQuery,
  EnvironmentsCallOptions,
  EnvironmentsClientOptions,
  EnvironmentsMutationOptions,
} from './EnvironmentsClient';
