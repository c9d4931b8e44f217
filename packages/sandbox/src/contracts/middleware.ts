import {
  ErrorRequestHandler,
  Request,
  RequestHandler,
  Response,
  Router,
} from 'express';
import {
  ContractValidator,
  describeProblems,
  takeResponseProblems,
} from './validator';
import { ContractMode, ViolationLog } from './violations';

/** Options of {@link contractMiddleware}. */
export interface ContractMiddlewareOptions {
  upstream: string;
  validator?: ContractValidator;
  mode: ContractMode;
  violations: ViolationLog;
  /** The upstream's own error body for a status and message. */
  errorBody(status: number, message: string): object;
}

/** What the stand-in's routes see, put back after the checks. */
interface Original {
  url: string;
  body: unknown;
  query: Request['query'];
}
const ORIGINAL = Symbol('request before the contract checks');

function hasBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

/** Escaped slashes (`gh%2Forg%2Frepo`, `infra%2Fmain.tf`) as raw ones. */
function decodeSlashes(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.replace(/%2F/gi, '/') + (q < 0 ? '' : url.slice(q));
}

/**
 * The validator coerces query values and fills in defaults; the stand-in
 * must answer what the client sent, so the checks run on copies.
 */
const prepare: RequestHandler = (req, _res, next) => {
  const original: Original = { url: req.url, body: req.body, query: req.query };
  (req as any)[ORIGINAL] = original;
  req.url = decodeSlashes(req.url);
  req.query = structuredClone(req.query);
  req.body = hasBody(req) ? structuredClone(req.body) : undefined;
  next();
};

const restored: RequestHandler = (req, _res, next) => {
  restore(req);
  next();
};

function restore(req: Request) {
  const original: Original | undefined = (req as any)[ORIGINAL];
  if (!original) return;
  req.url = original.url;
  req.body = original.body;
  req.query = original.query;
  delete (req as any)[ORIGINAL];
}

/** Checks each JSON response the validator found fault with, by mode. */
function checkResponses(options: ContractMiddlewareOptions): RequestHandler {
  return (req, res, next) => {
    const send = res.json.bind(res);
    res.json = (body?: unknown) => {
      const problems = takeResponseProblems(req);
      if (problems.length === 0) return send(body);
      options.violations.record({
        upstream: options.upstream,
        direction: 'response',
        method: req.method,
        path: req.originalUrl,
        status: res.statusCode,
        problems,
      });
      if (options.mode !== 'strict') return send(body);
      res.status(500);
      return send(
        options.errorBody(
          500,
          `Sandbox response violates the ${
            options.upstream
          } contract: ${problems.join('; ')}`,
        ),
      );
    };
    next();
  };
}

function refuseRequests(
  options: ContractMiddlewareOptions,
): ErrorRequestHandler {
  return (error, req, res: Response, next) => {
    restore(req);
    // Only the validator's own errors (they carry a status) are violations;
    // anything else (an unreadable description) is the sandbox's own fault.
    if (typeof error?.status !== 'number') {
      next(error);
      return;
    }
    const problems = describeProblems(error, 'request');
    options.violations.record({
      upstream: options.upstream,
      direction: 'request',
      method: req.method,
      path: req.originalUrl,
      operation: (req as any).openapi?.openApiRoute
        ? `${req.method} ${(req as any).openapi.openApiRoute}`
        : undefined,
      problems,
    });
    if (options.mode !== 'strict') {
      next();
      return;
    }
    // Answered as is: the request is already known to be off-contract.
    res
      .status(400)
      .json(
        options.errorBody(
          400,
          `Request violates the ${options.upstream} contract: ${problems.join(
            '; ',
          )}`,
        ),
      );
  };
}

/**
 * Checks every request against the upstream's contract before the stand-in
 * handles it, and every JSON response before it is sent: in `strict` mode
 * a violation is recorded and answered 400 (request) or 500 (response), in
 * `warn` mode recorded and let through, in `off` mode not checked. Mount it
 * after body parsing, relative to the API's base path.
 */
export function contractMiddleware(options: ContractMiddlewareOptions): Router {
  const router = Router();
  if (options.mode === 'off' || !options.validator) return router;
  router.use(
    checkResponses(options),
    prepare,
    ...options.validator.handlers,
    restored,
    refuseRequests(options),
  );
  return router;
}
