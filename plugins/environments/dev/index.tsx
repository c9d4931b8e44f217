import { Grid } from '@material-ui/core';
import {
  createApiFactory,
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { createDevApp } from '@backstage/dev-utils';
import {
  CatalogApi,
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { EnvironmentState } from '@rocket-club/plugin-environments-common';
import {
  environmentsPlugin,
  EnvironmentsPage,
  EntityEnvironmentContent,
  EntityEnvironmentStatusCard,
  EntityOwnedEnvironmentsCard,
} from '../src';
import { environmentsApiRef } from '../src/api';
import { prodEntity } from '../src/__fixtures__/environments';
import { MockEnvironmentsApi } from './MockEnvironmentsApi';

// `?state=parked` (or any state) starts the fake backend in that state;
// `?deny` makes every permission check fail.
const query = new URLSearchParams(window.location.search);
const initialState = (query.get('state') ?? 'active') as EnvironmentState;

const platformTeam = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

// Stands in for the catalog's entity page so entity links resolve: it shows
// the environment tab of `prod` whatever the entity.
const devCatalogPlugin = createPlugin({ id: 'dev-catalog' });
const DevEntityPage = devCatalogPlugin.provide(
  createRoutableExtension({
    name: 'DevEntityPage',
    mountPoint: entityRouteRef,
    component: async () => () =>
      (
        <EntityProvider entity={prodEntity}>
          <EntityEnvironmentContent />
        </EntityProvider>
      ),
  }),
);

createDevApp()
  .registerPlugin(environmentsPlugin)
  .registerPlugin(devCatalogPlugin)
  .registerApi(
    createApiFactory({
      api: environmentsApiRef,
      deps: {},
      factory: () => new MockEnvironmentsApi(initialState),
    }),
  )
  .registerApi(
    createApiFactory({
      api: permissionApiRef,
      deps: {},
      factory: () => ({
        authorize: async () => ({
          result: query.has('deny')
            ? AuthorizeResult.DENY
            : AuthorizeResult.ALLOW,
        }),
      }),
    }),
  )
  .registerApi(
    createApiFactory({
      api: catalogApiRef,
      deps: {},
      // Only what the owned environments card asks for.
      factory: () =>
        ({
          getEntities: async () => ({ items: [prodEntity] }),
        } as Partial<CatalogApi> as CatalogApi),
    }),
  )
  .addPage({
    path: '/environment',
    title: 'Environment tab',
    element: (
      <EntityProvider entity={prodEntity}>
        <EntityEnvironmentContent />
      </EntityProvider>
    ),
  })
  .addPage({
    path: '/cards',
    title: 'Cards',
    element: (
      <Grid container spacing={3}>
        <Grid item xs={12} md={6}>
          <EntityProvider entity={prodEntity}>
            <EntityEnvironmentStatusCard />
          </EntityProvider>
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityProvider entity={platformTeam}>
            <EntityOwnedEnvironmentsCard />
          </EntityProvider>
        </Grid>
      </Grid>
    ),
  })
  .addPage({
    path: '/environments',
    title: 'Environments',
    element: <EnvironmentsPage />,
  })
  .addPage({
    path: '/catalog/:namespace/:kind/:name',
    title: 'Entity page',
    element: <DevEntityPage />,
  })
  .render();
