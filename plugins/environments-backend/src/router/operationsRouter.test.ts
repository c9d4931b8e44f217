import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import express from 'express';
import request from 'supertest';
import type { OperationsService } from '../services/OperationsService/types';
import { createRouter } from './createRouter';

const pipelineResult: OperationResult = {
  operation: 'park',
  environment: 'prod',
  dryRun: false,
  message: 'Triggered the park pipeline #5 of prod',
  pipeline: { id: 'p5', number: 5, url: 'http://ci/5', parameters: {} },
};

async function setup() {
  const calls: { op: string; ctx: any }[] = [];
  const record =
    (op: string, result: Partial<OperationResult> = {}) =>
    async (ctx: any) => {
      calls.push({ op, ctx });
      return {
        ...pipelineResult,
        operation: op,
        dryRun: !!ctx.dryRun,
        ...result,
      } as OperationResult;
    };
  const operations: OperationsService = {
    park: record('park'),
    unpark: record('unpark'),
    rebuild: record('rebuild'),
    checkDrift: record('drift'),
    approve: record('approve', { pipeline: undefined }),
    trigger: record('trigger'),
    bump: record('bump', {
      pipeline: undefined,
      pullRequest: {
        branch: 'b',
        title: 't',
        body: 'b',
        updated: false,
        number: 4,
        url: 'u',
      },
    }),
    pipelineFinished: async () => {},
    recover: async () => {},
  };
  const app = express()
    .use(
      // The plugin's one validated router, with only the mutations mounted.
      await createRouter({ httpAuth: mockServices.httpAuth(), operations }),
    )
    .use(mockErrorHandler());
  return { app, calls, operations };
}

describe('the mutation routes', () => {
  it('parks for the calling user with their idempotency key', async () => {
    const { app, calls } = await setup();
    const res = await request(app)
      .post('/environments/prod/park')
      .set('Idempotency-Key', 'ui:3f1c')
      .send({});
    expect(res.status).toBe(201);
    expect(res.body.pipeline.number).toBe(5);
    expect(calls).toEqual([
      {
        op: 'park',
        ctx: expect.objectContaining({
          environment: 'prod',
          idempotencyKey: 'ui:3f1c',
          dryRun: undefined,
          credentials: expect.objectContaining({
            principal: expect.objectContaining({
              userEntityRef: 'user:default/mock',
            }),
          }),
        }),
      },
    ]);
  });

  it('accepts an entity ref as the environment, URL-encoded', async () => {
    const { app, calls } = await setup();
    await request(app)
      .post('/environments/resource%3Adefault%2Fprod/unpark')
      .send({});
    expect(calls[0].ctx.environment).toBe('resource:default/prod');
  });

  it('starts a drift check', async () => {
    const { app, calls } = await setup();
    const res = await request(app)
      .post('/environments/prod/drift-check')
      .send();
    expect(res.status).toBe(201);
    expect(calls[0].op).toBe('drift');
  });

  it("passes an approval's confirmation, and refuses a misspelt one", async () => {
    const { app, calls } = await setup();
    const path =
      '/environments/prod/approvals/3888f21b-eaa7-38e3-8f3d-75a63bba8895';
    expect(
      (await request(app).post(path).send({ confirm: 'prod' })).status,
    ).toBe(200);
    expect(calls[0].ctx.confirm).toBe('prod');
    const typo = await request(app).post(path).send({ confrim: 'prod' });
    expect(typo.status).toBe(400);
    expect(calls).toHaveLength(1);
  });

  it('answers a dry run with 200', async () => {
    const { app, calls } = await setup();
    const res = await request(app)
      .post('/environments/prod/rebuild')
      .send({ dryRun: true });
    expect(res.status).toBe(200);
    expect(calls[0].ctx.dryRun).toBe(true);
  });

  it('passes the bump tag and the approval workflow', async () => {
    const { app, calls } = await setup();
    expect(
      (
        await request(app)
          .post('/environments/prod/images/deployer/bump')
          .send({ tag: 'prefect-deployer-3-python3.12-abcdef0' })
      ).status,
    ).toBe(201);
    expect(
      (
        await request(app)
          .post(
            '/environments/prod/approvals/3888f21b-eaa7-38e3-8f3d-75a63bba8895',
          )
          .send()
      ).status,
    ).toBe(200);
    expect(
      calls.map(c => [c.op, c.ctx.image ?? c.ctx.workflowId, c.ctx.tag]),
    ).toEqual([
      ['bump', 'deployer', 'prefect-deployer-3-python3.12-abcdef0'],
      ['approve', '3888f21b-eaa7-38e3-8f3d-75a63bba8895', undefined],
    ]);
  });

  it('triggers a pipeline with parameters', async () => {
    const { app, calls } = await setup();
    const res = await request(app)
      .post('/pipelines')
      .send({
        environment: 'prod',
        parameters: { 'terraform-prod-mode': true },
      });
    expect(res.status).toBe(201);
    expect(calls[0].ctx).toMatchObject({
      environment: 'prod',
      parameters: { 'terraform-prod-mode': true },
    });
  });

  it.each([
    [
      'an unknown field',
      '/environments/prod/park',
      { force: true },
      /^request\/body must NOT have additional properties: "force"$/,
    ],
    [
      'a non-boolean dryRun',
      '/environments/prod/park',
      { dryRun: 'yes' },
      /^request\/body\/dryRun must be boolean \(got "yes"\)$/,
    ],
    [
      'a numeric tag',
      '/environments/prod/images/deployer/bump',
      { tag: 7 },
      /^request\/body\/tag must be string \(got 7\)$/,
    ],
    [
      'parameters of a bad type',
      '/pipelines',
      { environment: 'prod', parameters: { a: { b: 1 } } },
      /request\/body\/parameters\/a must be string \(got \{"b":1\}\)/,
    ],
    [
      'a parameter value over 1024 characters',
      '/pipelines',
      { environment: 'prod', parameters: { a: 'x'.repeat(1025) } },
      /request\/body\/parameters\/a must NOT have more than 1024 characters \(got "xxx/,
    ],
    [
      'a parameter name over 128 characters',
      '/pipelines',
      { environment: 'prod', parameters: { ['p'.repeat(129)]: true } },
      /request\/body\/parameters property name must be valid/,
    ],
    [
      'no environment',
      '/pipelines',
      { parameters: {} },
      /^request\/body must have required property 'environment'$/,
    ],
  ])(
    'refuses %s with 400 and calls nothing',
    async (_what, path, body, message) => {
      const { app, calls } = await setup();
      const res = await request(app).post(path).send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toMatch(message);
      expect(calls).toEqual([]);
    },
  );

  it.each([
    ['/environments/prod/rebuild', 'application/x-www-form-urlencoded'],
    ['/environments/prod/park', 'text/plain'],
    ['/environments/prod/unpark', 'text/plain; charset=utf-8'],
    ['/environments/prod/images/deployer/bump', 'application/xml'],
    ['/pipelines', 'multipart/form-data; boundary=x'],
  ])(
    'refuses a body sent to %s as %s with 415 naming the type, and calls nothing',
    async (path, type) => {
      const { app, calls } = await setup();
      // What `curl -d '{"dryRun":true}'` sends: a dry run that must not run.
      const res = await request(app)
        .post(path)
        .set('Content-Type', type)
        .send('{"dryRun":true}');
      expect(res.status).toBe(415);
      expect(res.body.error.message).toContain(JSON.stringify(type));
      expect(calls).toEqual([]);
    },
  );

  it('accepts a mutation with no body at all', async () => {
    const { app, calls } = await setup();
    const res = await request(app).post('/environments/prod/park');
    expect(res.status).toBe(201);
    expect(calls.map(c => c.op)).toEqual(['park']);
  });

  it('refuses a malformed Idempotency-Key, quoting it', async () => {
    const { app, calls } = await setup();
    const res = await request(app)
      .post('/environments/prod/park')
      .set('Idempotency-Key', 'a b')
      .send({});
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      `request/headers/idempotency-key must match pattern "^[A-Za-z0-9:_.\\-]{1,255}$" (got "a b")`,
    );
    expect(calls).toEqual([]);
  });

  it('refuses an oversized body with 413', async () => {
    const { app, calls } = await setup();
    const res = await request(app)
      .post('/pipelines')
      .send({ environment: 'prod', parameters: { big: 'x'.repeat(20_000) } });
    expect(res.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('refuses a request without a user', async () => {
    const { app, calls } = await setup();
    const res = await request(app)
      .post('/environments/prod/park')
      .set('Authorization', mockCredentials.none.header())
      .send({});
    expect(res.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('maps service errors to their statuses', async () => {
    const { app, operations } = await setup();
    operations.park = async () => {
      throw new ConflictError('prod is locked: park pipeline #412 is running');
    };
    operations.unpark = async () => {
      throw new NotAllowedError('user:default/grace may not unpark prod');
    };
    const locked = await request(app).post('/environments/prod/park').send({});
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toBe(
      'prod is locked: park pipeline #412 is running',
    );
    expect(
      (await request(app).post('/environments/prod/unpark').send({})).status,
    ).toBe(403);
  });
});
