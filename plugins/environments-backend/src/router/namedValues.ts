import { InputError, isError } from '@backstage/errors';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { spec } from '../schema/openapi.generated';

/** Marks a request that the OpenAPI validator let through. */
export const passedValidation: RequestHandler = (_req, res, next) => {
  res.locals.openApiValidated = true;
  next();
};

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
};

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema?.$ref) return schema;
  const path = schema.$ref.replace(/^#\//, '').split('/');
  return resolve(path.reduce<any>((node, key) => node?.[key], spec));
}

/** The schema of a request body at an instance path, as far as it is known. */
function bodySchemaAt(operation: any, path: string[]): Schema | undefined {
  let schema = resolve(
    operation?.requestBody?.content?.['application/json']?.schema,
  );
  for (const key of path) {
    const extra = schema?.additionalProperties;
    schema = resolve(
      schema?.properties?.[key] ??
        (typeof extra === 'object' ? extra : undefined) ??
        schema?.items,
    );
  }
  return schema;
}

const quote = (value: unknown) => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
};

/**
 * One problem of the validator's message (`request/<where>/<path> <what>`)
 * with the offending value added: the unknown keys of an object that allows
 * none, else the value at the path.
 */
function withValue(problem: string, req: any): string {
  const match = /^request\/(\S+) (.+)$/.exec(problem);
  if (!match) return problem;
  const [where, ...path] = match[1]
    .split('/')
    .map(token => token.replace(/~1/g, '/').replace(/~0/g, '~'));
  const sources: Record<string, unknown> = {
    body: req.body,
    query: req.query,
    params: req.params,
    headers: req.headers,
  };
  const value = path.reduce<any>((node, key) => node?.[key], sources[where]);
  if (value === undefined || match[2].startsWith('must have required')) {
    return problem;
  }
  if (match[2] === 'must NOT have additional properties' && where === 'body') {
    const known = bodySchemaAt(req.openapi?.schema, path)?.properties ?? {};
    const unknown = Object.keys(value ?? {}).filter(key => !(key in known));
    if (unknown.length) {
      return `${problem}: ${unknown.map(quote).join(', ')}`;
    }
    return problem;
  }
  return `${problem} (got ${quote(value)})`;
}

/**
 * Adds the offending values to the OpenAPI validator's refusals, which name
 * only the field (`request/body/dryRun must be boolean`), so that a refusal
 * says what was sent (`... (got "yes")`). Other errors pass unchanged.
 */
export const namingOffendingValues: ErrorRequestHandler = (
  error,
  req,
  res,
  next,
) => {
  if (
    res.locals.openApiValidated ||
    !isError(error) ||
    error.name !== 'InputError'
  ) {
    next(error);
    return;
  }
  const problems = error.message
    .split(/, (?=request\/)/)
    .map(problem => withValue(problem, req));
  next(new InputError(problems.join(', ')));
};
