import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ENVIRONMENT_ANNOTATION,
  environmentReadPermission,
} from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';

const normalise = (ref: string) =>
  stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');

/**
 * Finds an environment by config name, or by an entity ref: the
 * environment's own `entityRef`, else any catalog entity whose
 * `rocket-club.dev/environment` annotation names it (looked up as the
 * caller, so the caller must be able to see that entity).
 */
export async function findEnvironment(
  definitions: EnvironmentDefinition[],
  catalog: Pick<CatalogService, 'getEntityByRef'>,
  nameOrRef: string,
  credentials: BackstageCredentials,
): Promise<EnvironmentDefinition> {
  const byName = (name: string) => definitions.find(d => d.name === name);
  const direct = byName(nameOrRef);
  if (direct) return direct;
  let ref: string | undefined;
  try {
    ref = nameOrRef.includes(':') ? normalise(nameOrRef) : undefined;
  } catch {
    ref = undefined;
  }
  if (ref) {
    const own = definitions.find(d => normalise(d.entityRef) === ref);
    if (own) return own;
    const entity = await catalog.getEntityByRef(ref, { credentials });
    const name = entity?.metadata.annotations?.[ENVIRONMENT_ANNOTATION];
    const annotated = name ? byName(name) : undefined;
    if (annotated) return annotated;
    if (!entity) {
      throw new NotFoundError(`No catalog entity '${nameOrRef}'`);
    }
    throw new NotFoundError(
      name
        ? `Entity '${nameOrRef}' names environment '${name}', which is not configured`
        : `Entity '${nameOrRef}' has no ${ENVIRONMENT_ANNOTATION} annotation`,
    );
  }
  throw new NotFoundError(
    `No environment '${nameOrRef}'; known: ${definitions
      .map(d => d.name)
      .join(', ')}`,
  );
}

/** The definitions among these that the caller may read. */
export async function readable(
  permissions: PermissionsService,
  definitions: EnvironmentDefinition[],
  credentials: BackstageCredentials,
): Promise<EnvironmentDefinition[]> {
  if (definitions.length === 0) return [];
  const decisions = await permissions.authorize(
    definitions.map(d => ({
      permission: environmentReadPermission,
      resourceRef: d.entityRef,
    })),
    { credentials },
  );
  return definitions.filter(
    (_, i) => decisions[i].result === AuthorizeResult.ALLOW,
  );
}

/** Throws NotAllowedError unless the caller may read the environment. */
export async function assertReadable(
  permissions: PermissionsService,
  definition: EnvironmentDefinition,
  credentials: BackstageCredentials,
): Promise<void> {
  const [allowed] = await readable(permissions, [definition], credentials);
  if (!allowed) {
    throw new NotAllowedError(
      `You may not read environment '${definition.name}'`,
    );
  }
}
