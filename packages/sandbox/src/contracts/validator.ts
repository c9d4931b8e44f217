import { Request, RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { normaliseDocument, Quirks } from './openapi';

type Json = any;

/** An error of express-openapi-validator: its status and what failed. */
interface ValidatorError {
  status?: number;
  message: string;
  path?: string;
  errors?: { path: string; message: string; errorCode?: string }[];
}

const RESPONSE_PROBLEMS = Symbol('contract response problems');

/** One problem per failed check, the part of the exchange first. */
export function describeProblems(
  error: ValidatorError,
  direction: 'request' | 'response',
): string[] {
  const items = error.errors?.length
    ? error.errors
    : [{ path: error.path ?? '', message: error.message }];
  return items.map(({ path, message }) => {
    // `/response/state`, `/body/branch`, `/query/page-token`, `/params/id`
    const [, part, rest] =
      /^\/(response|body|query|params|headers)(.*)$/.exec(path) ?? [];
    if (!part) return `${direction} ${message}`;
    const labels: Record<string, string> = {
      response: 'response body',
      params: 'request path',
    };
    const where = labels[part] ?? `request ${part}`;
    return `${where} ${rest || '(root)'} ${message}`;
  });
}

/**
 * Checks a stand-in's requests and JSON responses against one upstream's
 * OpenAPI description with express-openapi-validator, after the quirk
 * normaliser. The handlers expect paths relative to the API's base path,
 * with escaped slashes decoded; a failed request check is passed on as an
 * error, a failed response check is kept for {@link takeResponseProblems}.
 */
export class ContractValidator {
  readonly handlers: RequestHandler[];

  constructor(options: {
    openapi: Json;
    quirks?: Quirks;
    formats?: Record<string, RegExp>;
  }) {
    this.handlers = OpenApiValidator.middleware({
      apiSpec: normaliseDocument(options.openapi, options.quirks),
      validateApiSpec: false,
      validateRequests: { allowUnknownQueryParameters: true, allErrors: true },
      validateResponses: {
        allErrors: true,
        onError: (error, _body, req) => {
          (req as Json)[RESPONSE_PROBLEMS] = describeProblems(
            error,
            'response',
          );
        },
      },
      validateSecurity: false,
      fileUploader: false,
      formats: options.formats,
      useRequestUrl: true,
    }) as RequestHandler[];
  }
}

/** The problems the response check found in the answer to `req`, once. */
export function takeResponseProblems(req: Request): string[] {
  const problems = (req as Json)[RESPONSE_PROBLEMS] ?? [];
  delete (req as Json)[RESPONSE_PROBLEMS];
  return problems;
}
