import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { OperationResult } from '@rocket-club/plugin-environments-common';
import type { Request } from 'express';
import type {
  OperationContext,
  OperationsService,
} from '../services/OperationsService/types';
import type { EnvironmentsApiRouter } from './createRouter';

/**
 * The mutation endpoints: thin wrappers that take the caller's credentials
 * and the `Idempotency-Key` and call the operations service, which applies
 * every guard. Bodies and headers were checked against the OpenAPI document
 * by the router (unknown fields are refused there); a mutation may come
 * with no body at all.
 */
export function addOperationRoutes(
  router: EnvironmentsApiRouter,
  options: { httpAuth: HttpAuthService; operations: OperationsService },
) {
  const { httpAuth, operations } = options;

  async function context(
    req: Request,
    environment: string,
    dryRun?: boolean,
  ): Promise<OperationContext> {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return {
      environment,
      credentials,
      idempotencyKey: req.header('idempotency-key'),
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
      const result = await operations[kind](
        await context(req, req.params.name, req.body?.dryRun),
      );
      res.status(status(result)).json(result);
    });
  }

  router.post('/environments/:name/drift-check', async (req, res) => {
    const result = await operations.checkDrift(
      await context(req, req.params.name, req.body?.dryRun),
    );
    res.status(status(result)).json(result);
  });

  router.post('/environments/:name/approvals/:workflowId', async (req, res) => {
    const result = await operations.approve({
      ...(await context(req, req.params.name, req.body?.dryRun)),
      workflowId: req.params.workflowId,
      confirm: req.body?.confirm,
    });
    res.status(200).json(result);
  });

  router.post('/environments/:name/images/:image/bump', async (req, res) => {
    const result = await operations.bump({
      ...(await context(req, req.params.name, req.body?.dryRun)),
      image: req.params.image,
      tag: req.body?.tag,
    });
    res.status(status(result)).json(result);
  });

  router.post('/pipelines', async (req, res) => {
    const result = await operations.trigger({
      ...(await context(req, req.body.environment, req.body.dryRun)),
      branch: req.body.branch,
      parameters: req.body.parameters,
    });
    res.status(status(result)).json(result);
  });
}
