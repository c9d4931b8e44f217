/**
 * Annotation naming the environment definition (a key of
 * `environments.definitions` in the backend config) that a catalog entity
 * shows. Any entity carrying it gets the environment tab and cards.
 *
 * @public
 */
export const ENVIRONMENT_ANNOTATION = 'rocket-club.dev/environment';

/**
 * The `spec.type` of the catalog Resource that models an environment.
 *
 * @public
 */
export const ENVIRONMENT_RESOURCE_TYPE = 'environment';
