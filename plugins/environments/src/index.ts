/**
 * The environments frontend plugin: the environment tab, status and
 * ownership cards, and the environments index page.
 *
 * @packageDocumentation
 */
export {
  environmentsPlugin,
  EnvironmentsPage,
  EntityEnvironmentContent,
  EntityEnvironmentStatusCard,
  EntityOwnedEnvironmentsCard,
} from './plugin';
export { getEnvironmentName, isEnvironmentAvailable } from './conditions';
// The client is the one of @rocket-club/plugin-environments-common.
export { environmentsApiRef } from './api';
export type { BumpImageRequest, EnvironmentsApi, MutationOptions } from './api';
export { StateChip } from './components/StateChip';
export type { EntityEnvironmentContentProps } from './components/EntityEnvironmentContent';
export type { EnvironmentPolling } from './hooks/useEnvironmentDetails';
