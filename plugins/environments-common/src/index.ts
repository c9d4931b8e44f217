/**
 * Types, permissions and annotations shared by the environments plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './types';
export * from './schedule';
export * from './webhooks';
