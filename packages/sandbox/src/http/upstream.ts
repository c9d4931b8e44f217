import express, { RequestHandler, Router } from 'express';
import { contractMiddleware } from '../contracts/middleware';
import { ContractValidator } from '../contracts/validator';
import { ContractMode, ViolationLog } from '../contracts/violations';
import { UpstreamControls } from '../faults';

/** How a stand-in's API is checked against its contract. */
export interface ContractSetup {
  validator?: ContractValidator;
  mode: ContractMode;
  violations: ViolationLog;
}

/**
 * The middleware every stand-in API shares, in order: counting, latency and
 * fault injection, JSON body parsing, authentication, then the contract
 * check, so injected faults and 401s are answered before the contract sees
 * them.
 */
export function apiPipeline(options: {
  controls: UpstreamControls;
  auth: RequestHandler;
  contract?: ContractSetup;
  errorBody(status: number, message: string): object;
  jsonTypes?: string[];
}): Router {
  const router = Router();
  router.use(options.controls.middleware());
  router.use(
    express.json({
      limit: '20mb',
      type: options.jsonTypes ?? ['application/json', '+json'],
    }),
  );
  router.use(options.auth);
  if (options.contract) {
    router.use(
      contractMiddleware({
        upstream: options.controls.name,
        validator: options.contract.validator,
        mode: options.contract.mode,
        violations: options.contract.violations,
        errorBody: options.errorBody,
      }),
    );
  }
  return router;
}
