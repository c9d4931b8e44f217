import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/*
 * The plugin alone, for development: `yarn start` in this package. It reads
 * the repository's app-config.yaml, whose `environments` block points at the
 * loopback stand-ins of packages/sandbox (start them first), and mocks auth,
 * permissions and the catalog. Then, for example:
 *
 *   curl localhost:7007/api/environments/environments
 *   curl localhost:7007/api/environments/environments/prod
 *   curl localhost:7007/api/environments/environments/resource%3Adefault%2Fprod/images
 *   curl 'localhost:7007/api/environments/environments/prod/deployments?kind=park&limit=5'
 *   curl localhost:7007/api/environments/openapi.json
 */
const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'prod',
          title: 'Production',
          annotations: { 'rocket-club.dev/environment': 'prod' },
        },
        spec: { type: 'environment', owner: 'group:default/platform-team' },
      },
    ],
  }),
);
backend.add(import('../src'));

backend.start();
