export { findRepoRoot } from './findRepoRoot';
