import type {
  AuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EnvironmentDefinition } from '../../config';
import { ownersOf } from '../OwnerNotifier/createOwnerNotifier';

/**
 * The ownership refs of a user entity: itself and the groups it is a member
 * of, as the default sign-in resolvers issue them. Undefined when the
 * catalog has no such user.
 */
export async function ownershipRefsOf(
  catalog: Pick<CatalogService, 'getEntityByRef'>,
  auth: Pick<AuthService, 'getOwnServiceCredentials'>,
  userRef: string,
): Promise<string[] | undefined> {
  const user = await catalog.getEntityByRef(userRef, {
    credentials: await auth.getOwnServiceCredentials(),
  });
  if (!user) return undefined;
  return [
    userRef.toLocaleLowerCase('en-US'),
    ...(user.relations ?? [])
      .filter(r => r.type === 'memberOf')
      .map(r => r.targetRef.toLocaleLowerCase('en-US')),
  ];
}

/** Why the schedule's actor may not act, or undefined when it may. */
export async function actorRefusal(
  catalog: Pick<CatalogService, 'getEntityByRef'>,
  auth: Pick<AuthService, 'getOwnServiceCredentials'>,
  definition: EnvironmentDefinition,
): Promise<string | undefined> {
  const actor = definition.schedule?.actor;
  if (!actor) return `${definition.name} has no schedule`;
  const claims = await ownershipRefsOf(catalog, auth, actor);
  if (!claims) return `the schedule's actor ${actor} is not in the catalog`;
  const owners = await ownersOf(catalog, auth, definition.entityRef);
  if (!owners.some(o => claims.includes(o))) {
    return `the schedule's actor ${actor} does not own ${definition.entityRef}`;
  }
  return undefined;
}

/**
 * The permission decisions of the schedule's own operations service: the
 * portal policy's rule for environment mutations (the caller must own the
 * environment's entity, `isEntityOwner` over its ownership refs), evaluated
 * for the configured actor of the environment's schedule. A backend cannot
 * obtain a user's credentials, so this is how "the policy decides for the
 * actor" without weakening the policy: the actor must be a member of the
 * owning group in the catalog, or nothing runs. Only the schedule uses it;
 * it never answers an HTTP caller.
 */
export function createActorPermissions(options: {
  definitions: EnvironmentDefinition[];
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
}): PermissionsService {
  const byRef = (ref?: string) =>
    options.definitions.find(
      d =>
        ref &&
        d.entityRef.toLocaleLowerCase('en-US') ===
          ref.toLocaleLowerCase('en-US'),
    );
  return {
    async authorize(requests) {
      return Promise.all(
        requests.map(async r => {
          const definition = byRef(
            'resourceRef' in r ? (r.resourceRef as string) : undefined,
          );
          const refused = definition
            ? await actorRefusal(options.catalog, options.auth, definition)
            : 'not an environment';
          return {
            result: refused ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
          };
        }),
      );
    },
    async authorizeConditional(requests) {
      // The operations service only asks for definitive decisions.
      return requests.map(() => ({ result: AuthorizeResult.DENY }));
    },
  };
}
