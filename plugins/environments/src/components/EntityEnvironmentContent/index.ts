export { EntityEnvironmentContent } from './EntityEnvironmentContent';
export type { EntityEnvironmentContentProps } from './EntityEnvironmentContent';
