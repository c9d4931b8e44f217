import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import {
  createPermission,
  Permission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/*
 * Every permission is a resource permission on the environment's catalog
 * entity, so a policy can answer with catalog conditions (for example
 * "owner of the entity") and the catalog evaluates them.
 */

/**
 * Read an environment's status, images and history.
 *
 * @public
 */
export const environmentReadPermission = createPermission({
  name: 'environments.environment.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Park an environment (scale down non-essential compute).
 *
 * @public
 */
export const environmentParkPermission = createPermission({
  name: 'environments.environment.park',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Unpark an environment (restore normal capacity).
 *
 * @public
 */
export const environmentUnparkPermission = createPermission({
  name: 'environments.environment.unpark',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve the held Terraform apply of an environment.
 *
 * @public
 */
export const environmentApprovePermission = createPermission({
  name: 'environments.environment.approve',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Rebuild an environment's base image (the image refresh pipeline).
 *
 * @public
 */
export const environmentImageRebuildPermission = createPermission({
  name: 'environments.image.rebuild',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Open or update the pull request that pins an image tag.
 *
 * @public
 */
export const environmentImageBumpPermission = createPermission({
  name: 'environments.image.bump',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Start a drift check: the read-only `terraform-drift` plan of the
 * environment (no hold, no apply).
 *
 * @public
 */
export const environmentDriftCheckPermission = createPermission({
  name: 'environments.drift.check',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Trigger an arbitrary pipeline of the environment's CircleCI project.
 *
 * @public
 */
export const environmentPipelineTriggerPermission = createPermission({
  name: 'environments.pipeline.trigger',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * The permissions that change an environment. A policy allows these only to
 * the owners of the environment's catalog entity.
 *
 * @public
 */
export const environmentMutationPermissions: ResourcePermission<'catalog-entity'>[] =
  [
    environmentParkPermission,
    environmentUnparkPermission,
    environmentApprovePermission,
    environmentImageRebuildPermission,
    environmentImageBumpPermission,
    environmentPipelineTriggerPermission,
    environmentDriftCheckPermission,
  ];

/**
 * All permissions of the environments plugin.
 *
 * @public
 */
export const environmentsPermissions = [
  environmentReadPermission,
  ...environmentMutationPermissions,
];

/**
 * Whether a permission is one that changes an environment.
 *
 * @public
 */
export function isEnvironmentMutationPermission(
  permission: Permission,
): permission is ResourcePermission<'catalog-entity'> {
  return environmentMutationPermissions.some(p => p.name === permission.name);
}
