import { convertLegacyRouteRefs } from '@backstage/core-compat-api';
import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { environmentsApi } from './alpha/apis';
import {
  entityEnvironmentStatusCard,
  entityOwnedEnvironmentsCard,
} from './alpha/entityCards';
import { entityEnvironmentContent } from './alpha/entityContent';
import { environmentsPage } from './alpha/pages';
import { rootRouteRef, selectedTemplateRouteRef } from './routes';

/**
 * The environments plugin for the new frontend system: the API, the
 * environment tab, the status and owned-environments cards, and the index
 * page.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'environments',
  extensions: [
    environmentsApi,
    entityEnvironmentContent,
    entityEnvironmentStatusCard,
    entityOwnedEnvironmentsCard,
    environmentsPage,
  ],
  routes: convertLegacyRouteRefs({ root: rootRouteRef }),
  externalRoutes: convertLegacyRouteRefs({
    selectedTemplate: selectedTemplateRouteRef,
  }),
});
