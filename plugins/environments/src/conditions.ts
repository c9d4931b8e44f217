import { Entity } from '@backstage/catalog-model';
import { ENVIRONMENT_ANNOTATION } from '@rocket-club/plugin-environments-common';

/**
 * The environment an entity shows: the value of its
 * `rocket-club.dev/environment` annotation.
 *
 * @public
 */
export function getEnvironmentName(entity: Entity): string | undefined {
  const name = entity.metadata.annotations?.[ENVIRONMENT_ANNOTATION]?.trim();
  return name ? name : undefined;
}

/**
 * Whether the environment tab and cards apply to an entity (it carries the
 * `rocket-club.dev/environment` annotation).
 *
 * @public
 */
export function isEnvironmentAvailable(entity: Entity): boolean {
  return getEnvironmentName(entity) !== undefined;
}
