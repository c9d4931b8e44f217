import { Route, Routes } from 'react-router-dom';
import { screen } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  CatalogApi,
  catalogApiRef,
  EntityProvider,
  entityPresentationApiRef,
  entityRouteRef,
  MockStarredEntitiesApi,
  starredEntitiesApiRef,
} from '@backstage/plugin-catalog-react';
import {
  catalogPlugin,
  DefaultEntityPresentationApi,
} from '@backstage/plugin-catalog';
import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
} from '@backstage/integration-react';
import { catalogGraphPlugin } from '@backstage/plugin-catalog-graph';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import {
  EnvironmentsApi,
  environmentsApiRef,
} from '@rocket-club/plugin-environments';
import type { EnvironmentDetails } from '@rocket-club/plugin-environments-common';
import { entityPage } from './EntityPage';

// Whole entity pages: slow to render on a small machine.
jest.setTimeout(30_000);

const environment = (name: string, kind: string, type: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'rocket-club.dev/environment': 'prod' },
  },
  spec: { type, owner: 'group:default/platform-team' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/platform-team' }],
});
const prod = environment('prod', 'Resource', 'environment');
const rocketClub = environment('rocket-club', 'Component', 'service');
const platformTeam: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'platform-team', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const details: EnvironmentDetails = {
  name: 'prod',
  title: 'Production',
  entityRef: 'resource:default/prod',
  state: 'parked',
  since: new Date().toISOString(),
  actor: 'alice',
  endpoints: [],
  inFlight: [],
};

// Only what the pages under test read.
const environmentsApi: Partial<EnvironmentsApi> = {
  getEnvironment: async () => details,
  listEnvironments: async () => [details],
  getImages: async () => ({
    environment: 'prod',
    source: 'main.tf',
    images: [],
  }),
  getDeployments: async () => ({ items: [] }),
};
const catalogApi: Partial<CatalogApi> = {
  getEntities: async request =>
    ({
      items: JSON.stringify(request?.filter ?? '').includes('environment')
        ? [prod]
        : [],
    } as any),
  getEntityByRef: async () => undefined,
  getEntitiesByRefs: async () => ({ items: [] }),
  // Asked by the processing-errors switch on every entity page.
  getEntityAncestors: async ({ entityRef }) => ({
    rootEntityRef: entityRef,
    items: [],
  }),
};

function renderEntity(entity: Entity, path: string) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [environmentsApiRef, environmentsApi],
        [catalogApiRef, catalogApi],
        [starredEntitiesApiRef, new MockStarredEntitiesApi()],
        [permissionApiRef, mockApis.permission()],
        [entityPresentationApiRef, DefaultEntityPresentationApi.createLocal()],
        [
          scmIntegrationsApiRef,
          ScmIntegrationsApi.fromConfig(mockApis.config()),
        ],
      ]}
    >
      <Routes>
        <Route
          path="/catalog/:namespace/:kind/:name/*"
          element={
            <EntityProvider entity={entity}>{entityPage}</EntityProvider>
          }
        />
      </Routes>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/catalog': catalogPlugin.routes.catalogIndex,
        '/catalog-graph': catalogGraphPlugin.routes.catalogGraph,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}

describe('entityPage', () => {
  it('gives the environment resource an Environment tab', async () => {
    await renderEntity(prod, '/catalog/default/resource/prod/environment');
    expect(
      await screen.findByRole('tab', { name: 'Environment' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Parked')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Unpark' })).toBeInTheDocument();
  });

  it('shows the status card on the environment resource overview', async () => {
    await renderEntity(prod, '/catalog/default/resource/prod');
    expect(await screen.findByText('Parked')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /View environment/ }),
    ).toHaveAttribute('href', '/catalog/default/resource/prod/environment');
  });

  it('gives the rocket-club component an Environment tab', async () => {
    await renderEntity(
      rocketClub,
      '/catalog/default/component/rocket-club/environment',
    );
    expect(
      await screen.findByRole('tab', { name: 'Environment' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Parked')).toBeInTheDocument();
  });

  it('lists the owned environments on a group page', async () => {
    await renderEntity(platformTeam, '/catalog/default/group/platform-team');
    expect(await screen.findByText('Owned environments')).toBeInTheDocument();
    expect(await screen.findByText('Parked')).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'Environment' })).toBeNull();
  });
});
