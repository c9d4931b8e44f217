import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import { isEnvironmentMutationPermission } from '@rocket-club/plugin-environments-common';

/**
 * A permissions service whose answer depends on who asks, like the real
 * policy for one environment: the environment mutations are allowed to the
 * given owners only, everything else (reading, the scaffolder's own
 * template and task permissions) to anyone.
 *
 * `decisions` records every mutation decision, so a test can tell that
 * the guard was asked.
 */
export function ownerOnlyPermissions(owners: string[]) {
  const decisions: Array<{
    user: string;
    permission: string;
    resourceRef?: string;
    result: AuthorizeResult;
  }> = [];

  const decide = (
    permission: Permission,
    credentials: BackstageCredentials,
    resourceRef?: string,
  ): AuthorizeResult.ALLOW | AuthorizeResult.DENY => {
    if (!isEnvironmentMutationPermission(permission)) {
      return AuthorizeResult.ALLOW;
    }
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
    };
    const user = principal.userEntityRef ?? principal.type;
    const result = owners.includes(user)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
    decisions.push({ user, permission: permission.name, resourceRef, result });
    return result;
  };

  const service: PermissionsService = {
    async authorize(requests, { credentials }) {
      return requests.map(r => ({
        result: decide(r.permission, credentials, r.resourceRef),
      }));
    },
    async authorizeConditional(requests, { credentials }) {
      return requests.map(r => ({
        result: decide(r.permission, credentials),
      }));
    },
  };

  return {
    decisions,
    factory: createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => service,
    }),
  };
}
