import { Request, RequestHandler, Response } from 'express';
import { ContractValidator } from './validator';
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

function hasBody(req: Request): boolean {
  const length = Number(req.headers['content-length'] ?? 0);
  return length > 0 || req.headers['transfer-encoding'] !== undefined;
}

function wrapJson(
  req: Request,
  res: Response,
  options: ContractMiddlewareOptions & { validator: ContractValidator },
) {
  const send = res.json.bind(res);
  res.json = (body?: unknown) => {
    const problems = options.validator.checkResponse({
      method: req.method,
      path: req.path,
      status: res.statusCode,
      body,
    });
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
}

/**
 * Checks every request against the upstream's contract before the stand-in
 * handles it, and every JSON response before it is sent. Mount it after body
 * parsing, relative to the API's base path.
 */
export function contractMiddleware(
  options: ContractMiddlewareOptions,
): RequestHandler {
  const { validator } = options;
  return (req, res, next) => {
    if (options.mode === 'off' || !validator) {
      next();
      return;
    }
    const check = validator.checkRequest({
      method: req.method,
      path: req.path,
      query: req.query as Record<string, unknown>,
      body: hasBody(req) ? req.body : undefined,
    });
    if (check.problems.length === 0) {
      wrapJson(req, res, { ...options, validator });
      next();
      return;
    }
    options.violations.record({
      upstream: options.upstream,
      direction: 'request',
      method: req.method,
      path: req.originalUrl,
      operation: check.operation,
      problems: check.problems,
    });
    if (options.mode !== 'strict') {
      wrapJson(req, res, { ...options, validator });
      next();
      return;
    }
    // Answered as is: the request is already known to be off-contract.
    res
      .status(400)
      .json(
        options.errorBody(
          400,
          `Request violates the ${
            options.upstream
          } contract: ${check.problems.join('; ')}`,
        ),
      );
  };
}
