import {
  BackstageUserInfo,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { isEnvironmentMutationPermission } from '@rocket-club/plugin-environments-common';

/**
 * The portal's permission policy.
 *
 * - Every environment mutation (park, unpark, approve, rebuild, image bump,
 *   pipeline trigger) is allowed only to the owners of the environment's
 *   catalog entity: a conditional decision that the catalog evaluates
 *   against the entity's `spec.owner`, so group ownership counts.
 * - Anything else is allowed to signed-in users, and denied to requests
 *   that carry no user.
 */
export class RocketClubPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly userInfo: Pick<UserInfoService, 'getUserInfo'>,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    if (isEnvironmentMutationPermission(request.permission)) {
      const info = await this.ownershipOf(user);
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: info.ownershipEntityRefs,
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }

  private async ownershipOf(user: PolicyQueryUser): Promise<BackstageUserInfo> {
    return this.userInfo.getUserInfo(user.credentials);
  }
}
