export { StateChip, stateLabel } from './StateChip';
export { EndpointStatusChip } from './EndpointStatusChip';
