/**
 * Converts OpenAPI 3.0 schema objects to JSON Schema that ajv understands,
 * handling the quirks listed in packages/contracts/README.md:
 * `nullable` and CircleCI's `x-nullable` become a `null` type, `oneOf`
 * becomes `anyOf` (GitHub's 409 contents body matches several branches), and
 * `$ref`s into `#/components/schemas` point into the document registered
 * with ajv under `documentId`.
 */

type Json = any;

/** Keywords whose value is a map from names to schemas. */
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
/** Keywords whose value is a schema. */
const SCHEMA_VALUES = ['items', 'additionalProperties', 'not'];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
/** OpenAPI-only keywords with no JSON Schema meaning. */
const DROPPED = new Set([
  'nullable',
  'x-nullable',
  'discriminator',
  'example',
  'examples',
  'xml',
  'externalDocs',
  'deprecated',
]);

function rewriteRef(ref: string, documentId: string): string {
  if (!ref.startsWith('#/')) {
    throw new Error(`Unsupported $ref ${JSON.stringify(ref)}`);
  }
  return `${documentId}${ref}`;
}

/** Converts one OpenAPI schema object. */
export function toJsonSchema(schema: Json, documentId: string): Json {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (Array.isArray(schema))
    return schema.map(s => toJsonSchema(s, documentId));

  const out: Json = {};
  for (const [key, value] of Object.entries<Json>(schema)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref') {
      out.$ref = rewriteRef(value, documentId);
    } else if (SCHEMA_MAPS.includes(key) && typeof value === 'object') {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [
          name,
          toJsonSchema(s, documentId),
        ]),
      );
    } else if (SCHEMA_VALUES.includes(key) && typeof value === 'object') {
      out[key] = toJsonSchema(value, documentId);
    } else if (SCHEMA_LISTS.includes(key)) {
      out[key === 'oneOf' ? 'anyOf' : key] = toJsonSchema(value, documentId);
    } else {
      out[key] = value;
    }
  }

  const nullable = schema.nullable === true || schema['x-nullable'] === true;
  if (!nullable) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) {
      out.enum = [...out.enum, null];
    }
    return out;
  }
  if (Array.isArray(out.type)) {
    if (!out.type.includes('null')) out.type = [...out.type, 'null'];
    return out;
  }
  return { anyOf: [out, { type: 'null' }] };
}

/**
 * The document to register with ajv under `documentId`: the converted
 * `components.schemas`, which every rewritten `$ref` points into.
 */
export function componentsDocument(openapi: Json, documentId: string): Json {
  const schemas = openapi.components?.schemas ?? {};
  return {
    $id: documentId,
    components: {
      schemas: Object.fromEntries(
        Object.entries(schemas).map(([name, s]) => [
          name,
          toJsonSchema(s, documentId),
        ]),
      ),
    },
  };
}

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
