export { environmentsPlugin, EnvironmentsPage } from './plugin';
