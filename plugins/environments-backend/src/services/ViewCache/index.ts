export { createViewCache } from './createViewCache';
export type { ViewCache } from './createViewCache';
export { subscribeToViewChanges } from './subscribeToViewChanges';
