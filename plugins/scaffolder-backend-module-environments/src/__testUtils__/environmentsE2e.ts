import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// Only the end-to-end tests compose the real environments backend with the
// module, as packages/backend does.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import environmentsPlugin from '@rocket-club/plugin-environments-backend';
import type { Sandbox } from '@rocket-club/sandbox';
import { startTestSandbox } from '@rocket-club/sandbox/testUtils';
import request from 'supertest';
import { scaffolderModule } from '../module';
import { e2eConfig, PROD_ENTITY } from './e2eConfig';
import { ownerOnlyPermissions } from './ownerOnlyPermissions';
import { templateEntities } from './scaffolderBackend';

/** One backend of the end-to-end tests and what it talks to. */
export interface EnvironmentsE2e {
  backend: TestBackend;
  /** GitHub, CircleCI and ECR: the sandbox's stand-ins on random ports. */
  sandbox: Sandbox;
  permissions: ReturnType<typeof ownerOnlyPermissions>;
  stop(): Promise<void>;
}

/**
 * Starts the real scaffolder backend, this module and the real environments
 * backend in one test backend, with the templates and the prod entity in
 * the catalog, mutations of prod allowed to `owners` only, and GitHub,
 * CircleCI and ECR served by a fresh sandbox (seeded from this repository,
 * its clock stopped, contracts strict). Nothing scheduled runs (no
 * ingestion or probes in the way).
 */
export async function startEnvironmentsE2e(
  owners: string[],
): Promise<EnvironmentsE2e> {
  // Jest runs a test file in a realm of its own, while Node's fetch parses
  // JSON in the outer one; the scaffolder's template engine takes only
  // records of its own realm as step outputs (park's `parameters`), so
  // response bodies are parsed in the test's realm. Outside Jest there is
  // one realm and nothing to do.
  const json = jest
    .spyOn(Response.prototype, 'json')
    .mockImplementation(async function parse(this: Response) {
      return JSON.parse(await this.text());
    });
  const sandbox = await startTestSandbox();
  const permissions = ownerOnlyPermissions(owners);
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModule,
      environmentsPlugin,
      catalogServiceMock.factory({
        entities: [...templateEntities(), PROD_ENTITY],
      }),
      permissions.factory,
      mockServices.rootConfig.factory({ data: e2eConfig(sandbox) }),
      mockServices.scheduler.mock().factory,
    ],
  });
  return {
    backend,
    sandbox,
    permissions,
    async stop() {
      await backend.stop();
      await sandbox.close();
      json.mockRestore();
    },
  };
}

/** What each step of a task ended as, by step id. */
export async function stepStatuses(backend: TestBackend, taskId: string) {
  const { body: events } = await request(backend.server)
    .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
    .set('Authorization', mockCredentials.user.header());
  const statuses: Record<string, string> = {};
  for (const event of events) {
    if (event.body.stepId && event.body.status) {
      statuses[event.body.stepId] = event.body.status;
    }
  }
  return statuses;
}

/**
 * The newest image in the ECR stand-in whose tag matches `pattern`: what
 * the image lookup should find.
 */
export function newestTag(sandbox: Sandbox, pattern: RegExp) {
  return sandbox.world.registry
    .repository('blog-data')
    .images.filter(i => i.tags.some(t => pattern.test(t)))
    .sort((a, b) => b.pushedAt - a.pushedAt)[0]
    .tags.find(t => pattern.test(t))!;
}
