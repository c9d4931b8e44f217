import {
  mockCredentials,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import type { JsonObject } from '@backstage/types';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModule } from '../module';

const templatesDir = resolve(__dirname, '../../../../templates');

/** The repository's templates, as the catalog would serve them. */
export function templateEntities(): Entity[] {
  return readdirSync(templatesDir)
    .filter(f => f.endsWith('.yaml'))
    .map(f => yaml.parse(readFileSync(join(templatesDir, f), 'utf8')))
    .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } }));
}

/**
 * Starts the real scaffolder backend with our module, the templates in the
 * catalog, and the given stand-in for the environments backend.
 */
export function startScaffolder(environments: BackendFeature) {
  return startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModule,
      environments,
      catalogServiceMock.factory({ entities: templateEntities() }),
    ],
  });
}

/** A finished task: its status, its log lines and its output. */
export interface TaskRun {
  id: string;
  status: string;
  log: string[];
  output?: JsonObject;
}

/** Runs a template as a user through the scaffolder's REST API. */
export async function runTemplate(
  backend: TestBackend,
  template: string,
  values: JsonObject,
  user = 'user:default/ada',
): Promise<TaskRun> {
  const created = await request(backend.server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', mockCredentials.user.header(user))
    .send({ templateRef: `template:default/${template}`, values });
  expect(created.status).toBe(201);
  return waitForTask(backend, created.body.id, user);
}

/** Retries a finished task as a user, and waits for it again. */
export async function retryTask(
  backend: TestBackend,
  id: string,
  user = 'user:default/ada',
): Promise<TaskRun> {
  const retried = await request(backend.server)
    .post(`/api/scaffolder/v2/tasks/${id}/retry`)
    .set('Authorization', mockCredentials.user.header(user))
    .send({});
  expect(retried.status).toBe(201);
  return waitForTask(backend, id, user);
}

async function waitForTask(
  backend: TestBackend,
  id: string,
  user: string,
): Promise<TaskRun> {
  const auth = mockCredentials.user.header(user);
  for (let attempt = 0; attempt < 200; attempt++) {
    const { body: task } = await request(backend.server)
      .get(`/api/scaffolder/v2/tasks/${id}`)
      .set('Authorization', auth);
    if (task.status === 'completed' || task.status === 'failed') {
      const { body: events } = await request(backend.server)
        .get(`/api/scaffolder/v2/tasks/${id}/events`)
        .set('Authorization', auth);
      const completion = events.findLast(
        (e: { type: string }) => e.type === 'completion',
      );
      return {
        id,
        status: task.status,
        log: events
          .filter((e: { type: string }) => e.type === 'log')
          .map((e: { body: { message: string } }) => e.body.message),
        output: completion?.body.output,
      };
    }
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error(`Task ${id} did not finish`);
}
