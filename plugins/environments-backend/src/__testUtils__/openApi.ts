import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { spec } from '../schema/openapi.generated';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(structuredClone(spec) as object, 'api');

const pointer = (...tokens: string[]) =>
  tokens
    .map(t => encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');

/**
 * The problems of a response body against the package's OpenAPI document
 * (`path` is the document's template, e.g. `/environments/{name}`); empty
 * when it conforms.
 */
export function responseProblems(
  method: 'get' | 'post',
  path: string,
  status: number,
  body: unknown,
): string[] {
  const operation = (spec.paths as any)[path]?.[method];
  if (!operation) return [`${method} ${path} is not in the document`];
  const response = operation.responses[String(status)];
  if (!response) return [`${method} ${path} does not document ${status}`];
  const ref = response.$ref
    ? `api${response.$ref}/content/application~1json/schema`
    : `api#/${pointer(
        'paths',
        path,
        method,
        'responses',
        String(status),
      )}/content/application~1json/schema`;
  const validate = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  return validate(body)
    ? []
    : [`${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`];
}
