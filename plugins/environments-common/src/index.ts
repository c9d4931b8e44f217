/**
 * Types, permissions, annotations and the REST client shared by the
 * environments plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './client';
export * from './permissions';
export * from './types';
export type { components } from './generated/openapi';
export * from './schedule';
export * from './webhooks';
