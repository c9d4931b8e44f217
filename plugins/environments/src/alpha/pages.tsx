import {
  compatWrapper,
  convertLegacyRouteRef,
} from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from '../routes';

/** The environments index page at `/environments`. */
export const environmentsPage = PageBlueprint.make({
  params: {
    path: '/environments',
    title: 'Environments',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('../components/EnvironmentsPage').then(m =>
        compatWrapper(<m.EnvironmentsTable />),
      ),
  },
});
