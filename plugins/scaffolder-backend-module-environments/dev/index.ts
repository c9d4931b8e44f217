import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'yaml';

// A scaffolder with this module, the environments backend and the
// repository's templates, with mock auth (every request is user:default/mock)
// and mock permissions (everything allowed).
// `yarn start` here, then for example preview a park:
//
//   curl http://localhost:7007/api/scaffolder/v2/tasks \
//     -H 'Content-Type: application/json' \
//     -d '{"templateRef": "template:default/park-environment",
//          "values": {"environment": "resource:default/prod", "previewOnly": true}}'
//   curl http://localhost:7007/api/scaffolder/v2/tasks/<id>/events

const templates = join(__dirname, '../../../templates');

const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: readdirSync(templates)
      .filter(file => file.endsWith('.yaml'))
      .map(file => yaml.parse(readFileSync(join(templates, file), 'utf8'))),
  }),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('../src'));
backend.add(import('@rocket-club/plugin-environments-backend'));
backend.start();
