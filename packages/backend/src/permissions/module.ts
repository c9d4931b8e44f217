import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { RocketClubPermissionPolicy } from './RocketClubPermissionPolicy';

/**
 * Installs {@link RocketClubPermissionPolicy} into the permission backend.
 */
export const permissionModuleRocketClubPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'rocket-club-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, userInfo }) {
        policy.setPolicy(new RocketClubPermissionPolicy(userInfo));
      },
    });
  },
});
