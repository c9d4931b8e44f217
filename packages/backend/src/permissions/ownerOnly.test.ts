import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import environmentsPlugin from '@rocket-club/plugin-environments-backend';
import { resolve } from 'node:path';
import request from 'supertest';
import { permissionModuleRocketClubPolicy } from './module';

jest.setTimeout(120_000);

const root = resolve(__dirname, '../../../..');

/** Who belongs to which group, as the catalog's org data says. */
const memberships: Record<string, string[]> = {
  'user:default/ada': ['user:default/ada', 'group:default/platform-team'],
  'user:default/grace': ['user:default/grace', 'group:default/data-team'],
};

const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const ref = credentials.principal.userEntityRef as string;
      return { userEntityRef: ref, ownershipEntityRefs: memberships[ref] };
    },
  }),
});

const OBO_PREFIX = 'mock-service-token:';

/*
 * The mock auth services drop the acting service from on-behalf-of tokens,
 * which real tokens carry and which the catalog's apply-conditions endpoint
 * insists on. This puts it back; everything else is the mock's.
 */
const httpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory: ({ plugin }) => {
    const inner = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      issueUserCookie: (res, o) => inner.issueUserCookie(res, o),
      async credentials(req: any, options?: any) {
        const credentials: any = await inner.credentials(req, options);
        const token = /^Bearer (\S+)$/.exec(
          req.headers.authorization ?? '',
        )?.[1];
        if (
          token?.startsWith(OBO_PREFIX) &&
          credentials.principal.type === 'user'
        ) {
          const { sub, obo } = JSON.parse(token.slice(OBO_PREFIX.length));
          return mockCredentials.user(obo, { actor: { subject: sub } });
        }
        return credentials;
      },
    } as typeof inner;
  },
});

const mutations: Array<[string, object]> = [
  ['/environments/prod/park', { dryRun: true }],
  ['/environments/prod/unpark', { dryRun: true }],
  ['/environments/prod/rebuild', { dryRun: true }],
  ['/environments/prod/drift-check', { dryRun: true }],
  [
    '/environments/prod/approvals/3888f21b-eaa7-38e3-8f3d-75a63bba8895',
    { dryRun: true },
  ],
  ['/environments/prod/images/deployer/bump', { dryRun: true }],
  ['/pipelines', { environment: 'prod', parameters: {}, dryRun: true }],
];

/*
 * The real catalog (this repository's catalog-info.yaml), the real
 * permission backend with our policy, and the environments plugin: the
 * owner-only decision is made by the catalog on the prod entity's owner.
 */
describe('owner-only environment mutations, end to end', () => {
  let server: any;

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        permissionModuleRocketClubPolicy,
        environmentsPlugin,
        userInfo,
        httpAuth,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Resource',
                    'Location',
                    'Group',
                    'User',
                  ],
                },
              ],
              locations: [
                { type: 'file', target: resolve(root, 'catalog-info.yaml') },
              ],
            },
            environments: {
              definitions: {
                prod: {
                  title: 'Production',
                  entityRef: 'resource:default/prod',
                  repository: {
                    host: 'github.com',
                    owner: 'rlhatcher',
                    name: 'rocket-club',
                    branch: 'main',
                  },
                  circleci: {
                    projectSlug: 'gh/rlhatcher/rocket-club',
                    branch: 'main',
                  },
                  terraform: {
                    root: 'infra/platform/infra/envs/prod',
                    file: 'main.tf',
                  },
                  images: {
                    deployer: {
                      local: 'prefect_deployer_image',
                      ecrRepository: 'blog-data',
                      tagPattern:
                        '^prefect-deployer-3-python3\\.12-[0-9a-f]{7,40}$',
                    },
                  },
                  workflows: {
                    deploy: 'terraform-prod',
                    park: 'park-infrastructure',
                    unpark: 'unpark-infrastructure',
                    rebuild: 'refresh-prefect-image',
                    drift: 'terraform-drift',
                  },
                  parameters: {
                    park: {
                      'park-infrastructure-mode': true,
                      'terraform-prod-mode': false,
                    },
                    unpark: {
                      'unpark-infrastructure-mode': true,
                      'terraform-prod-mode': false,
                    },
                    rebuild: {
                      'refresh-prefect-image-mode': true,
                      'terraform-prod-mode': false,
                    },
                    drift: {
                      'terraform-drift-mode': true,
                      'terraform-prod-mode': false,
                    },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    // Wait for the catalog to ingest the prod entity.
    for (let i = 0; i < 100; i++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/resource/default/prod')
        .set('Authorization', mockCredentials.service.header());
      if (res.status === 200) return;
      await new Promise(r => setTimeout(r, 300));
    }
    throw new Error('the catalog never ingested resource:default/prod');
  });

  it.each(mutations)(
    'refuses %s to a non-owner with 403, and says so to a dry run',
    async (path, body) => {
      // The real call: refused before anything reaches CircleCI or GitHub.
      const { dryRun: _dryRun, ...real } = body as { dryRun?: boolean };
      const res = await request(server)
        .post(`/api/environments${path}`)
        .set('Authorization', mockCredentials.user.header('user:default/grace'))
        .send(real);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('user:default/grace may not');
      // A dry run answers what the real call would.
      const dry = await request(server)
        .post(`/api/environments${path}`)
        .set('Authorization', mockCredentials.user.header('user:default/grace'))
        .send(body);
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({
        dryRun: true,
        wouldSucceed: false,
        reason: expect.stringContaining('user:default/grace may not'),
      });
    },
  );

  it('lets a member of the owning group past the permission check', async () => {
    const res = await request(server)
      .post('/api/environments/environments/prod/park')
      .set('Authorization', mockCredentials.user.header('user:default/ada'))
      .send({ dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      pipeline: {
        parameters: {
          'park-infrastructure-mode': true,
          'terraform-prod-mode': false,
        },
      },
    });
  });

  it('lets any signed-in user read', async () => {
    const res = await request(server)
      .get('/api/environments/environments')
      .set('Authorization', mockCredentials.user.header('user:default/grace'));
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { name: string }) => e.name)).toEqual([
      'prod',
    ]);
  });
});
