export { DeployHistoryPanel } from './DeployHistoryPanel';
