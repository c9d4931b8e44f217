import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import {
  createCircleciPipelineTriggerAction,
  createEnvironmentImageBumpAction,
  createEnvironmentImageLatestAction,
  createEnvironmentImageRebuildAction,
  createEnvironmentParkAction,
  createEnvironmentUnparkAction,
} from './actions';

/**
 * The scaffolder actions of the environments portal: thin clients of the
 * environments backend, acting on behalf of the template's initiator.
 *
 * @public
 */
export const scaffolderModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'environments',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolderActions: scaffolderActionsExtensionPoint,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
      },
      async init({ scaffolderActions, auth, discovery }) {
        const options = { auth, discovery };
        scaffolderActions.addActions(
          createEnvironmentImageLatestAction(options),
          createEnvironmentImageBumpAction(options),
          createEnvironmentParkAction(options),
          createEnvironmentUnparkAction(options),
          createEnvironmentImageRebuildAction(options),
          createCircleciPipelineTriggerAction(options),
        );
      },
    });
  },
});
