import { ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { createFetchApi, FetchMiddlewares } from '@backstage/core-app-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { EnvironmentsClient } from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { prodEntity } from '../__fixtures__/environments';
import { selectedTemplateRouteRef } from '../routes';

/**
 * The real client, pointed at the msw fake backend, through a fetchApi with
 * the middlewares the app's default one has (they rebuild requests).
 */
export function testClient() {
  const discoveryApi = mockApis.discovery();
  return new EnvironmentsClient({
    discoveryApi,
    fetchApi: createFetchApi({
      // Looked up per call: msw patches the global fetch after this runs.
      baseImplementation: (input, init) => globalThis.fetch(input, init),
      middleware: [
        FetchMiddlewares.resolvePluginProtocol({ discoveryApi }),
        FetchMiddlewares.injectIdentityAuth({
          identityApi: mockApis.identity({ token: 'user-token' }),
          allowUrl: () => true,
        }),
        FetchMiddlewares.clarifyFailures(),
      ],
    }),
  });
}

/**
 * Renders an element of the plugin as the app would: the real client over
 * msw, a permission API answering `authorize`, the entity in context, and
 * the catalog and scaffolder routes mounted.
 */
export function renderWithEntity(
  element: ReactNode,
  options: {
    entity?: Entity;
    authorize?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    apis?: [any, any][];
  } = {},
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [environmentsApiRef, testClient()],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: options.authorize ?? AuthorizeResult.ALLOW,
          }),
        ],
        ...(options.apis ?? []),
      ]}
    >
      <EntityProvider entity={options.entity ?? prodEntity}>
        {element}
      </EntityProvider>
    </TestApiProvider>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/create/templates/:namespace/:templateName': selectedTemplateRouteRef,
      },
    },
  );
}
