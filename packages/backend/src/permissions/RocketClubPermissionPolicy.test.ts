import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { permissionRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  ConditionalPolicyDecision,
  PermissionCondition,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogEntityDeletePermission } from '@backstage/plugin-catalog-common/alpha';
import {
  environmentImageBumpPermission,
  environmentMutationPermissions,
  environmentParkPermission,
  environmentReadPermission,
} from '@rocket-club/plugin-environments-common';
import { RocketClubPermissionPolicy } from './RocketClubPermissionPolicy';

const prod: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'prod',
    namespace: 'default',
    annotations: { 'rocket-club.dev/environment': 'prod' },
  },
  spec: { type: 'environment', owner: 'group:default/platform-team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-team' }],
};

const memberships: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/platform-team'],
  'user:default/grace': ['user:default/grace', 'group:default/data-team'],
};

const policy = new RocketClubPermissionPolicy({
  async getUserInfo(credentials) {
    const ref = (credentials.principal as { userEntityRef: string })
      .userEntityRef;
    return { userEntityRef: ref, ownershipEntityRefs: memberships[ref] };
  },
});

function asUser(userEntityRef: string) {
  const credentials = mockCredentials.user(userEntityRef);
  return {
    credentials,
    info: { userEntityRef, ownershipEntityRefs: memberships[userEntityRef] },
  };
}

// Evaluates a decision against an entity with the catalog's own rules, the
// way the catalog answers the permission backend's apply-conditions call.
function allows(decision: PolicyDecision, entity: Entity): boolean {
  if (decision.result !== AuthorizeResult.CONDITIONAL) {
    return decision.result === AuthorizeResult.ALLOW;
  }
  const condition = (decision as ConditionalPolicyDecision)
    .conditions as PermissionCondition;
  const rule = Object.values(permissionRules).find(
    r => r.name === condition.rule,
  );
  if (!rule) throw new Error(`unknown rule ${condition.rule}`);
  return rule.apply(entity, condition.params as any);
}

describe('RocketClubPermissionPolicy', () => {
  it.each(environmentMutationPermissions.map(p => [p.name, p]))(
    'allows %s to an owner of the environment and refuses a non-owner',
    async (_name, permission) => {
      const owner = await policy.handle(
        { permission },
        asUser('user:default/ada'),
      );
      const other = await policy.handle(
        { permission },
        asUser('user:default/grace'),
      );
      expect(owner.result).toBe(AuthorizeResult.CONDITIONAL);
      expect(allows(owner, prod)).toBe(true);
      expect(allows(other, prod)).toBe(false);
    },
  );

  it('uses the catalog owner rule with the caller’s ownership claims', async () => {
    const decision = await policy.handle(
      { permission: environmentParkPermission },
      asUser('user:default/ada'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/ada', 'group:default/platform-team'],
        },
      },
    });
  });

  it('allows reads and other permissions to any signed-in user', async () => {
    for (const permission of [
      environmentReadPermission,
      catalogEntityDeletePermission,
    ]) {
      const decision = await policy.handle(
        { permission },
        asUser('user:default/grace'),
      );
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('denies everything to a request without a user', async () => {
    for (const permission of [
      environmentReadPermission,
      environmentImageBumpPermission,
    ]) {
      expect((await policy.handle({ permission })).result).toBe(
        AuthorizeResult.DENY,
      );
    }
  });
});
