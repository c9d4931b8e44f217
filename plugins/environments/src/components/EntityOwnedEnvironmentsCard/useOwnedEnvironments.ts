import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  getEntityRelations,
} from '@backstage/plugin-catalog-react';
import { ENVIRONMENT_RESOURCE_TYPE } from '@rocket-club/plugin-environments-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { environmentsApiRef } from '../../api';

/**
 * The refs an entity owns through: itself, and for a user also the groups
 * the user is a member of.
 */
export function ownerRefs(entity: Entity): string[] {
  const refs = [stringifyEntityRef(entity)];
  if (entity.kind.toLocaleLowerCase('en-US') === 'user') {
    for (const group of getEntityRelations(entity, RELATION_MEMBER_OF)) {
      refs.push(stringifyEntityRef(group));
    }
  }
  return refs;
}

/**
 * The environment Resources that an entity owns, from the catalog, and the
 * state of every environment, from the backend: two requests that fail
 * independently.
 */
export function useOwnedEnvironments(entity: Entity) {
  const catalogApi = useApi(catalogApiRef);
  const environmentsApi = useApi(environmentsApiRef);
  const owners = ownerRefs(entity).join();

  const owned = useAsyncRetry(async () => {
    const response = await catalogApi.getEntities({
      filter: {
        kind: 'Resource',
        'spec.type': ENVIRONMENT_RESOURCE_TYPE,
        'relations.ownedBy': owners.split(','),
      },
    });
    return response.items;
  }, [catalogApi, owners]);

  const states = useAsyncRetry(
    () => environmentsApi.listEnvironments(),
    [environmentsApi],
  );

  return { owned, states };
}
