export { environmentsApiRef } from './EnvironmentsApi';
export type {
  BumpImageRequest,
  EnvironmentsApi,
  MutationOptions,
} from './EnvironmentsApi';
