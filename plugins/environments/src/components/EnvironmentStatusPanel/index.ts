export { EnvironmentStatusPanel } from './EnvironmentStatusPanel';
