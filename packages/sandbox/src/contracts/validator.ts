import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { componentsDocument, resolveRef, toJsonSchema } from './openapi';
import {
  compileOperations,
  matchOperation,
  Operation,
  SegmentPatterns,
} from './operations';

type Json = any;

/** A request as the contract sees it. */
export interface ContractRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body?: unknown;
}

/** The outcome of checking a request. */
export interface RequestCheck {
  /** `METHOD /template` of the matched operation, if any. */
  operation?: string;
  problems: string[];
}

/**
 * Operations a stand-in serves beyond the contract file, with the component
 * schema their JSON response is checked against (or none).
 */
export interface ExtraOperation {
  method: string;
  path: RegExp;
  responseSchema?: string;
}

function describe(errors: ValidateFunction['errors']): string[] {
  return (errors ?? []).map(
    e =>
      `${e.instancePath || '(root)'} ${e.message}${
        e.params && 'additionalProperty' in e.params
          ? ` ${JSON.stringify(e.params.additionalProperty)}`
          : ''
      }`,
  );
}

function markNullable(openapi: Json, pointers: string[]): Json {
  if (pointers.length === 0) return openapi;
  const copy = structuredClone(openapi);
  for (const pointer of pointers) {
    const target = resolveRef(copy, { $ref: `#${pointer}` });
    target['x-nullable'] = true;
  }
  return copy;
}

function coerce(value: unknown, schema: Json): unknown {
  const type = schema?.type;
  if (typeof value !== 'string') return value;
  if ((type === 'integer' || type === 'number') && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? value : n;
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) {
    return value === 'true';
  }
  return value;
}

/**
 * Checks requests and responses against one OpenAPI 3.0 document with ajv.
 * Schemas are compiled on first use and cached.
 */
export class ContractValidator {
  readonly #openapi: Json;
  readonly #documentId: string;
  readonly #operations: Operation[];
  readonly #extra: ExtraOperation[];
  readonly #ajv: Ajv;
  readonly #cache = new Map<object, ValidateFunction>();

  constructor(options: {
    name: string;
    openapi: Json;
    segmentPatterns?: SegmentPatterns;
    extraOperations?: ExtraOperation[];
    /** JSON pointers of fields the real API sends as null although the spec does not say so. */
    nullable?: string[];
  }) {
    this.#openapi = markNullable(options.openapi, options.nullable ?? []);
    this.#documentId = `${options.name}.json`;
    this.#operations = compileOperations(
      this.#openapi,
      options.segmentPatterns,
    );
    this.#extra = options.extraOperations ?? [];
    this.#ajv = new Ajv({ strict: false, allErrors: true, logger: false });
    addFormats(this.#ajv);
    // GitHub's `owner/name` of a repository.
    this.#ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/);
    this.#ajv.addSchema(componentsDocument(this.#openapi, this.#documentId));
  }

  #compile(schema: Json): ValidateFunction {
    let fn = this.#cache.get(schema);
    if (!fn) {
      fn = this.#ajv.compile(toJsonSchema(schema, this.#documentId));
      this.#cache.set(schema, fn);
    }
    return fn;
  }

  #validate(schema: Json, value: unknown, where: string): string[] {
    const fn = this.#compile(schema);
    return fn(value) ? [] : describe(fn.errors).map(p => `${where}${p}`);
  }

  readonly #refs = new Map<string, Json>();

  #componentRef(name: string): Json {
    if (!this.#refs.has(name)) {
      this.#refs.set(name, { $ref: `#/components/schemas/${name}` });
    }
    return this.#refs.get(name);
  }

  #extraFor(method: string, path: string) {
    return this.#extra.find(
      e => e.method.toLowerCase() === method.toLowerCase() && e.path.test(path),
    );
  }

  /** Checks path parameters, query parameters and the JSON body. */
  checkRequest(request: ContractRequest): RequestCheck {
    const matched = matchOperation(
      this.#operations,
      request.method,
      request.path,
    );
    if (!matched) {
      if (this.#extraFor(request.method, request.path)) return { problems: [] };
      return {
        problems: [
          `${request.method} ${request.path} is not an operation of the contract`,
        ],
      };
    }
    const { operation, params } = matched;
    const problems: string[] = [];
    for (const parameter of operation.parameters) {
      const sources: Record<string, Record<string, unknown>> = {
        path: params,
        query: request.query,
      };
      const source = sources[parameter.in];
      if (!source) continue;
      const value = source[parameter.name];
      if (value === undefined) {
        if (parameter.required) {
          problems.push(
            `missing ${parameter.in} parameter "${parameter.name}"`,
          );
        }
        continue;
      }
      if (parameter.schema) {
        problems.push(
          ...this.#validate(
            parameter.schema,
            coerce(value, parameter.schema),
            `${parameter.in} parameter "${parameter.name}": `,
          ),
        );
      }
    }
    const requestBody = operation.definition.requestBody
      ? resolveRef(this.#openapi, operation.definition.requestBody)
      : undefined;
    const bodySchema = requestBody?.content?.['application/json']?.schema;
    const hasBody = request.body !== undefined && request.body !== null;
    if (bodySchema && hasBody) {
      problems.push(
        ...this.#validate(bodySchema, request.body, 'request body '),
      );
    } else if (requestBody?.required && !hasBody) {
      problems.push('missing required request body');
    }
    return {
      operation: `${operation.method.toUpperCase()} ${operation.template}`,
      problems,
    };
  }

  /** Checks a JSON response against the schema declared for its status. */
  checkResponse(response: {
    method: string;
    path: string;
    status: number;
    body: unknown;
  }): string[] {
    const matched = matchOperation(
      this.#operations,
      response.method,
      response.path,
    );
    if (!matched) {
      const extra = this.#extraFor(response.method, response.path);
      if (!extra?.responseSchema || response.status >= 300) return [];
      return this.#validate(
        this.#componentRef(extra.responseSchema),
        response.body,
        'response body ',
      );
    }
    const { definition, template, method } = matched.operation;
    const responses = definition.responses ?? {};
    const declared =
      responses[String(response.status)] ??
      responses[`${String(response.status)[0]}XX`] ??
      responses.default;
    if (!declared) {
      return [
        `status ${
          response.status
        } is not declared for ${method.toUpperCase()} ${template}`,
      ];
    }
    const content = resolveRef(this.#openapi, declared).content;
    const schema =
      content?.['application/json']?.schema ??
      (content ? (Object.values(content)[0] as Json)?.schema : undefined);
    if (!schema) return [];
    return this.#validate(schema, response.body, 'response body ');
  }
}
