import { loadContract } from '@rocket-club/contracts';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The upstream API descriptions of `@rocket-club/contracts`. */
export type ContractName = 'circleci' | 'github';

/** One HTTP exchange, as seen on the wire. */
export interface Exchange {
  method: string;
  url: string;
  headers: Headers;
  requestBody?: string;
  status: number;
  responseBody?: string;
}

/*
 * The quirks of the official files (see packages/contracts/README.md), fixed here
 * rather than in the files: `x-nullable` is OpenAPI 3.0 `nullable`, and
 * GitHub's `oneOf`s reject real bodies, so they are read as `anyOf`.
 */
function normalise(node: unknown, oneOfAsAnyOf: boolean): unknown {
  if (Array.isArray(node)) return node.map(n => normalise(n, oneOfAsAnyOf));
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const k = key === 'oneOf' && oneOfAsAnyOf ? 'anyOf' : key;
    out[k] = normalise(value, oneOfAsAnyOf);
  }
  if (out['x-nullable'] === true || out.nullable === true) {
    delete out['x-nullable'];
    delete out.nullable;
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return out.type
      ? { ...out, nullable: true }
      : { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const pointer = (...tokens: string[]) =>
  `#/${tokens
    .map(t => encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/')}`;

/** Parameters that span several path segments. */
const MULTI_SEGMENT: Record<string, string> = {
  'project-slug': '[^/]+/[^/]+/[^/]+',
  path: '.+',
  ref: '.+',
};

interface Operation {
  template: string;
  regex: RegExp;
  spec: any;
  pathParameters: any[];
}

/**
 * An OpenAPI document that checks exchanges: the path and method exist,
 * query parameters are declared, the security header is sent, and request
 * and response bodies match their schemas.
 */
export class Contract {
  readonly #ajv: Ajv;
  readonly #doc: any;
  readonly #name: ContractName;
  readonly #compiled = new Map<string, ValidateFunction>();
  readonly #operations: Operation[];

  constructor(name: ContractName) {
    this.#name = name;
    this.#doc = normalise(loadContract(name), name === 'github');
    this.#ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateSchema: false,
    });
    addFormats(this.#ajv);
    this.#ajv.addFormat('int32', true).addFormat('int64', true);
    this.#ajv.addSchema(this.#doc, name);
    this.#operations = Object.entries<any>(this.#doc.paths)
      .map(([template, item]) => ({
        template,
        spec: item,
        pathParameters: item.parameters ?? [],
        regex: new RegExp(
          `^${template.replace(
            /\{([^}]+)\}/g,
            (_, p) => `(${MULTI_SEGMENT[p] ?? '[^/]+'})`,
          )}$`,
        ),
      }))
      // Literal segments win over parameters (`pipeline/mine` over `pipeline/{n}`).
      .sort(
        (a, b) =>
          b.template.replace(/\{[^}]+\}/g, '').length -
          a.template.replace(/\{[^}]+\}/g, '').length,
      );
  }

  #validator(...tokens: string[]) {
    const ref = `${this.#name}${pointer(...tokens)}`;
    let validate = this.#compiled.get(ref);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: ref });
      this.#compiled.set(ref, validate);
    }
    return validate;
  }

  #check(what: string, body: string | undefined, ...tokens: string[]) {
    let data: unknown;
    try {
      data = body ? JSON.parse(body) : undefined;
    } catch {
      return [`${what} is not JSON: ${body?.slice(0, 80)}`];
    }
    const validate = this.#validator(...tokens);
    return validate(data)
      ? []
      : [
          `${what}: ${this.#ajv.errorsText(validate.errors, {
            separator: '; ',
          })}`,
        ];
  }

  /**
   * Checks one exchange. `basePath` is the API's path prefix on the server
   * (e.g. `/api/v2`). Returns the violations, empty when it conforms.
   */
  check(exchange: Exchange, basePath = ''): string[] {
    const url = new URL(exchange.url);
    const method = exchange.method.toLowerCase();
    const path = decodeURIComponent(url.pathname).slice(basePath.length);
    const where = `${exchange.method} ${path}`;
    const operation = this.#operations.find(
      o => o.regex.test(path) && o.spec[method],
    );
    if (!operation) return [`${where} is not in the ${this.#name} contract`];
    const op = operation.spec[method];
    const problems: string[] = [];

    const parameters = [...operation.pathParameters, ...(op.parameters ?? [])]
      .map(p => (p.$ref ? this.#resolve(p.$ref) : p))
      .filter(p => p.in === 'query');
    for (const name of url.searchParams.keys()) {
      if (name === 'page-token' && this.#pagesWithoutToken(op)) continue;
      if (!parameters.some(p => p.name === name)) {
        problems.push(`${where}: query parameter '${name}' is not declared`);
      }
    }
    for (const p of parameters.filter(q => q.required)) {
      if (!url.searchParams.has(p.name)) {
        problems.push(`${where}: required query parameter '${p.name}' missing`);
      }
    }
    problems.push(...this.#checkSecurity(op, exchange.headers, where));

    const json = 'application/json';
    if (exchange.requestBody) {
      if (!op.requestBody?.content?.[json]) {
        problems.push(`${where}: takes no JSON request body`);
      } else {
        problems.push(
          ...this.#check(
            `${where} request`,
            exchange.requestBody,
            'paths',
            operation.template,
            method,
            'requestBody',
            'content',
            json,
            'schema',
          ),
        );
      }
    }

    const status = String(exchange.status);
    const key = [status, `${status[0]}XX`, 'default'].find(
      k => op.responses[k],
    );
    if (!key)
      return [...problems, `${where}: status ${status} is not documented`];
    const response = op.responses[key].$ref
      ? this.#resolve(op.responses[key].$ref)
      : op.responses[key];
    if (response.content?.[json]?.schema && exchange.responseBody) {
      const tokens = op.responses[key].$ref
        ? [...op.responses[key].$ref.slice(2).split('/').map(decodePointer)]
        : ['paths', operation.template, method, 'responses', key];
      problems.push(
        ...this.#check(
          `${where} ${status} response`,
          exchange.responseBody,
          ...tokens,
          'content',
          json,
          'schema',
        ),
      );
    }
    return problems;
  }

  /*
   * Quirk: CircleCI's `GET /workflow/{id}/job` answers with
   * `next_page_token` but does not declare `page-token`; any list whose
   * response carries a next page token takes one.
   */
  #pagesWithoutToken(op: any): boolean {
    return (
      this.#name === 'circleci' &&
      !!op.responses?.['200']?.content?.['application/json']?.schema?.properties
        ?.next_page_token
    );
  }

  #checkSecurity(op: any, headers: Headers, where: string): string[] {
    const requirements: Record<string, unknown>[] =
      op.security ?? this.#doc.security ?? [];
    if (requirements.length === 0) return [];
    const schemes = this.#doc.components?.securitySchemes ?? {};
    const satisfied = requirements.some(req =>
      Object.keys(req).every(name => {
        const scheme = schemes[name];
        if (scheme?.type === 'apiKey' && scheme.in === 'header') {
          return headers.has(scheme.name);
        }
        if (scheme?.type === 'http') return headers.has('authorization');
        return false;
      }),
    );
    return satisfied ? [] : [`${where}: no credentials the contract accepts`];
  }

  /**
   * A copy of one of the document's named examples
   * (`components.examples`), a realistic base for a mocked body.
   */
  example<T = any>(name: string): T {
    const found = this.#doc.components?.examples?.[name]?.value;
    if (found === undefined) {
      throw new Error(`The ${this.#name} contract has no example '${name}'`);
    }
    return structuredClone(found);
  }

  #resolve(ref: string): any {
    return ref
      .slice(2)
      .split('/')
      .map(decodePointer)
      .reduce((node, token) => node?.[token], this.#doc);
  }
}

function decodePointer(token: string) {
  return decodeURIComponent(token).replace(/~1/g, '/').replace(/~0/g, '~');
}

const loaded = new Map<ContractName, Contract>();

/** The named contract, loaded once per test file. */
export function contract(name: ContractName): Contract {
  let c = loaded.get(name);
  if (!c) {
    c = new Contract(name);
    loaded.set(name, c);
  }
  return c;
}
