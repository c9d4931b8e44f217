export { EntityOwnedEnvironmentsCard } from './EntityOwnedEnvironmentsCard';
