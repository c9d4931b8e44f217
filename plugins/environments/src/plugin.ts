import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { EnvironmentsClient } from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from './api';
import { rootRouteRef, selectedTemplateRouteRef } from './routes';
import type { EntityEnvironmentContentProps } from './components/EntityEnvironmentContent';

/**
 * The environments frontend plugin (legacy frontend system).
 *
 * @public
 */
export const environmentsPlugin = createPlugin({
  id: 'environments',
  apis: [
    createApiFactory({
      api: environmentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EnvironmentsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
  externalRoutes: {
    selectedTemplate: selectedTemplateRouteRef,
  },
});

/**
 * The environments index page: every environment with its state.
 *
 * @public
 */
export const EnvironmentsPage: () => JSX.Element = environmentsPlugin.provide(
  createRoutableExtension({
    name: 'EnvironmentsPage',
    component: () =>
      import('./components/EnvironmentsPage').then(m => m.EnvironmentsPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The environment tab of an entity with the `rocket-club.dev/environment`
 * annotation.
 *
 * @public
 */
export const EntityEnvironmentContent: (
  props: EntityEnvironmentContentProps,
) => JSX.Element = environmentsPlugin.provide(
  createComponentExtension({
    name: 'EntityEnvironmentContent',
    component: {
      lazy: () =>
        import('./components/EntityEnvironmentContent').then(
          m => m.EntityEnvironmentContent,
        ),
    },
  }),
);

/**
 * The overview card with an environment's state and endpoint health.
 *
 * @public
 */
export const EntityEnvironmentStatusCard: () => JSX.Element =
  environmentsPlugin.provide(
    createComponentExtension({
      name: 'EntityEnvironmentStatusCard',
      component: {
        lazy: () =>
          import('./components/EntityEnvironmentStatusCard').then(
            m => m.EntityEnvironmentStatusCard,
          ),
      },
    }),
  );

/**
 * The Group and User card listing the environments the entity owns.
 *
 * @public
 */
export const EntityOwnedEnvironmentsCard: () => JSX.Element =
  environmentsPlugin.provide(
    createComponentExtension({
      name: 'EntityOwnedEnvironmentsCard',
      component: {
        lazy: () =>
          import('./components/EntityOwnedEnvironmentsCard').then(
            m => m.EntityOwnedEnvironmentsCard,
          ),
      },
    }),
  );
