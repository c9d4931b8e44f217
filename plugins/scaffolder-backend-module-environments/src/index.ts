/**
 * Scaffolder actions that park, unpark, rebuild and bump the rocket-club
 * environments through the environments backend.
 *
 * @packageDocumentation
 */

export { scaffolderModule as default } from './module';
