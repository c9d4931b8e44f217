/**
 * The quirk normaliser: rewrites an official OpenAPI 3.0 description where
 * it is known to be wrong about what the real API does, or where
 * express-openapi-validator reads it differently from the upstream
 * (packages/contracts/README.md lists the quirks):
 *
 * - CircleCI's `x-nullable` becomes `nullable`, and fields the real API
 *   sends as null although the spec says otherwise are marked nullable;
 * - `oneOf` becomes `anyOf` (GitHub's 409 contents body matches several
 *   branches);
 * - `$ref`s to schemas the GitHub subset cut away accept anything; what
 *   checks nothing goes: webhook payloads (`x-webhooks`, most of GitHub's
 *   document), examples, and response `links` (CircleCI's, whose `id` keys
 *   ajv would take for schema ids);
 * - path parameters that span segments (GitHub's `x-multi-segment`) become
 *   wildcards, and CircleCI's project slug (`gh/org/repo`, sent with raw
 *   slashes although the spec says one segment) becomes three parameters;
 * - path parameter names that are not identifiers (`pipeline-id`) are
 *   renamed (`pipeline_id`), as Express-style routes cannot hold them;
 * - operations a stand-in serves beyond the description are added, with
 *   the component schema of their response;
 * - query values may hold reserved characters (`branch=feature/x`), as
 *   both APIs accept them unescaped;
 * - the document is served at the stand-in's root, whatever its `servers`.
 */

type Json = any;

/** An operation a stand-in serves beyond the contract file. */
export interface ExtraOperation {
  method: string;
  /** The OpenAPI path template, e.g. `/repos/{owner}/{repo}/pulls/{pull_number}`. */
  path: string;
  /** The component schema of its 2xx JSON response; any JSON when omitted. */
  responseSchema?: string;
}

/** What to rewrite in one description. */
export interface Quirks {
  /** JSON pointers of fields the real API sends as null. */
  nullable?: string[];
  /** Path parameters sent as several segments: name → their names. */
  splitParameters?: Record<string, string[]>;
  extraOperations?: ExtraOperation[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** Follows a local `$ref` (parameters, responses, request bodies). */
export function resolveRef<T = Json>(openapi: Json, node: Json): T {
  let current = node;
  for (let depth = 0; current && typeof current.$ref === 'string'; depth++) {
    if (depth > 20) throw new Error(`$ref cycle at ${current.$ref}`);
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    current = pointer.reduce(
      (acc: Json, part: string) =>
        acc?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      openapi,
    );
    if (current === undefined) {
      throw new Error(`Unresolvable $ref ${JSON.stringify(node.$ref)}`);
    }
  }
  return current;
}

/**
 * Keys that check nothing; `discriminator` is only meaningful with `oneOf`,
 * which is gone.
 */
const DROPPED = new Set(['discriminator', 'links', 'example', 'examples']);

function resolves(openapi: Json, ref: string): boolean {
  try {
    resolveRef(openapi, { $ref: ref });
    return true;
  } catch {
    return false;
  }
}

/**
 * `x-nullable` → `nullable`, `oneOf` → `anyOf`, dangling `$ref`s → any,
 * and no {@link DROPPED} keys, everywhere but among property names.
 */
function rewriteKeywords(openapi: Json, node: Json, names = false): Json {
  if (Array.isArray(node)) return node.map(n => rewriteKeywords(openapi, n));
  if (typeof node !== 'object' || node === null) return node;
  if (
    !names &&
    typeof node.$ref === 'string' &&
    !resolves(openapi, node.$ref)
  ) {
    return {};
  }
  const out: Json = {};
  for (const [key, value] of Object.entries<Json>(node)) {
    if (names) {
      out[key] = rewriteKeywords(openapi, value);
    } else if (key === 'x-nullable') {
      if (value === true) out.nullable = true;
    } else if (key === 'oneOf') {
      out.anyOf = rewriteKeywords(openapi, value);
    } else if (!DROPPED.has(key)) {
      const holdsNames = key === 'properties' || key === 'patternProperties';
      out[key] = rewriteKeywords(openapi, value, holdsNames);
    }
  }
  return out;
}

const identifier = (name: string) => name.replace(/[^A-Za-z0-9_]/g, '_');

/** Rewrites the path parameters of one path item and its template. */
function rewritePath(
  openapi: Json,
  template: string,
  item: Json,
  split: Record<string, string[]>,
): [string, Json] {
  const renames = new Map<string, string>();
  const wildcards = new Set<string>();
  const rewriteParameters = (list: Json[] | undefined) =>
    list?.flatMap((p: Json) => {
      const parameter = resolveRef(openapi, p);
      if (parameter.in === 'query')
        return [{ ...parameter, allowReserved: true }];
      if (parameter.in !== 'path') return [p];
      const parts = split[parameter.name];
      if (parts) {
        renames.set(parameter.name, parts.map(n => `{${n}}`).join('/'));
        return parts.map(name => ({
          name,
          in: 'path',
          required: true,
          schema: { type: 'string' },
        }));
      }
      const name = identifier(parameter.name);
      renames.set(parameter.name, `{${name}}`);
      if (parameter['x-multi-segment']) wildcards.add(name);
      return [{ ...parameter, name }];
    });
  const out: Json = { ...item, parameters: rewriteParameters(item.parameters) };
  for (const method of METHODS) {
    if (item[method]) {
      out[method] = {
        ...item[method],
        parameters: rewriteParameters(item[method].parameters),
      };
    }
  }
  const path = template.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const renamed = renames.get(name) ?? whole;
    const bare = renamed.slice(1, -1);
    return wildcards.has(bare) ? `${renamed}*` : renamed;
  });
  return [path, out];
}

function extraPathItem(extra: ExtraOperation): Json {
  const names = [...extra.path.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
  const any = { 'application/json': { schema: {} } };
  return {
    [extra.method.toLowerCase()]: {
      parameters: names.map(name => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...(extra.method.toUpperCase() === 'GET'
        ? {}
        : { requestBody: { content: any } }),
      responses: {
        '200': {
          description: 'served by the stand-in',
          content: extra.responseSchema
            ? {
                'application/json': {
                  schema: {
                    $ref: `#/components/schemas/${extra.responseSchema}`,
                  },
                },
              }
            : any,
        },
        default: { description: 'an error', content: any },
      },
    },
  };
}

/** The description as the stand-in is checked against it. */
export function normaliseDocument(document: Json, quirks: Quirks = {}): Json {
  const { 'x-webhooks': _webhooks, webhooks: _hooks, ...rest } = document;
  const openapi = rewriteKeywords(document, rest);
  for (const pointer of quirks.nullable ?? []) {
    resolveRef(openapi, { $ref: `#${pointer}` }).nullable = true;
  }
  const paths: Json = {};
  for (const [template, item] of Object.entries<Json>(openapi.paths ?? {})) {
    const [path, rewritten] = rewritePath(
      openapi,
      template,
      item,
      quirks.splitParameters ?? {},
    );
    paths[path] = rewritten;
  }
  for (const extra of quirks.extraOperations ?? []) {
    const [path, item] = rewritePath(
      openapi,
      extra.path,
      extraPathItem(extra),
      {},
    );
    paths[path] = { ...paths[path], ...item };
  }
  return { ...openapi, servers: [{ url: '/' }], paths };
}
