export { EnvironmentsPage } from './EnvironmentsPage';
export { EnvironmentsTable } from './EnvironmentsTable';
