import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express, { NextFunction, Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type {
  OperationContext,
  OperationsService,
} from '../services/OperationsService/types';

/** Bodies of the mutation endpoints. Unknown fields are refused. */
const dryRunBody = z.strictObject({ dryRun: z.boolean().optional() });
const approveBody = z.strictObject({
  dryRun: z.boolean().optional(),
  /** The environment's name, typed to approve a protected change. */
  confirm: z.string().max(255).optional(),
});
const bumpBody = z.strictObject({
  tag: z.string().max(128).optional(),
  dryRun: z.boolean().optional(),
});
const triggerBody = z.strictObject({
  environment: z.string().min(1).max(255),
  branch: z.string().min(1).max(255).optional(),
  parameters: z.record(
    z.string().min(1).max(128),
    z.union([z.string().max(1024), z.number(), z.boolean()]),
  ),
  dryRun: z.boolean().optional(),
});

const IDEMPOTENCY_KEY = /^[A-Za-z0-9:_.\-]{1,255}$/;

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw new InputError(
      `Invalid request body: ${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/** Whether a request carries a body (a length, or a chunked one). */
function hasBody(req: Request) {
  const length = req.header('content-length');
  return (
    (length !== undefined && length !== '0') ||
    req.header('transfer-encoding') !== undefined
  );
}

/** Answers 415 to a POST whose body is not `application/json`. */
function strictJsonBodies(req: Request, res: Response, next: NextFunction) {
  if (req.method !== 'POST') {
    next();
    return;
  }
  const type = req.header('content-type');
  if (!hasBody(req) && type === undefined) {
    next();
    return;
  }
  const mediaType = type?.split(';')[0].trim().toLocaleLowerCase('en-US');
  if (mediaType === 'application/json') {
    next();
    return;
  }
  res.status(415).json({
    error: {
      name: 'UnsupportedMediaTypeError',
      message: `Unsupported Content-Type ${JSON.stringify(
        type ?? '(none)',
      )}: send the body as application/json, or no body at all`,
    },
    request: { method: req.method, url: req.originalUrl },
    response: { statusCode: 415 },
  });
}

/**
 * The mutation endpoints: thin wrappers that check the input, take the
 * caller's credentials and the `Idempotency-Key`, and call the operations
 * service, which applies every guard.
 */
export function createOperationsRouter(options: {
  httpAuth: HttpAuthService;
  operations: OperationsService;
}): express.Router {
  const { httpAuth, operations } = options;
  const router = Router();
  // A mutation's body is JSON or nothing: `express.json()` skips any other
  // type, and the missing body would read as `{}`, so a form-encoded
  // `{"dryRun":true}` would act for real. Refused (415) before any work.
  router.use(strictJsonBodies);
  // Small bodies only: an oversized one is refused (413) before any work.
  router.use(express.json({ limit: '16kb', type: 'application/json' }));

  async function context(
    req: Request,
    environment: string,
    dryRun?: boolean,
  ): Promise<OperationContext> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const key = req.header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new InputError(
        `Invalid Idempotency-Key ${JSON.stringify(
          key,
        )}: 1-255 letters, digits, ':', '_', '.' or '-'`,
      );
    }
    return {
      environment,
      credentials,
      idempotencyKey: key,
      dryRun,
      request: req,
    };
  }

  // 201 when something was created (a pipeline, a new pull request).
  const status = (result: OperationResult) => {
    if (result.dryRun || result.noop) return 200;
    if (result.pipeline) return 201;
    return result.pullRequest && !result.pullRequest.updated ? 201 : 200;
  };

  for (const kind of ['park', 'unpark', 'rebuild'] as const) {
    router.post(`/environments/:name/${kind}`, async (req, res) => {
      const body = parse(dryRunBody, req.body);
      const result = await operations[kind](
        await context(req, req.params.name, body.dryRun),
      );
      res.status(status(result)).json(result);
    });
  }

  router.post('/environments/:name/drift-check', async (req, res) => {
    const body = parse(dryRunBody, req.body);
    const result = await operations.checkDrift(
      await context(req, req.params.name, body.dryRun),
    );
    res.status(status(result)).json(result);
  });

  router.post('/environments/:name/approvals/:workflowId', async (req, res) => {
    const body = parse(approveBody, req.body);
    const result = await operations.approve({
      ...(await context(req, req.params.name, body.dryRun)),
      workflowId: req.params.workflowId,
      confirm: body.confirm,
    });
    res.status(200).json(result);
  });

  router.post('/environments/:name/images/:image/bump', async (req, res) => {
    const body = parse(bumpBody, req.body);
    const result = await operations.bump({
      ...(await context(req, req.params.name, body.dryRun)),
      image: req.params.image,
      tag: body.tag,
    });
    res.status(status(result)).json(result);
  });

  router.post('/pipelines', async (req, res) => {
    const body = parse(triggerBody, req.body);
    const result = await operations.trigger({
      ...(await context(req, body.environment, body.dryRun)),
      branch: body.branch,
      parameters: body.parameters,
    });
    res.status(status(result)).json(result);
  });

  return router;
}
