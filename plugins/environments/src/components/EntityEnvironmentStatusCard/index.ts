export { EntityEnvironmentStatusCard } from './EntityEnvironmentStatusCard';
