/*
 * Reduces an OpenAPI document to the operations the project uses and the
 * components those operations reach through `$ref`, transitively. Used at load
 * time for GitHub's description (read from `@octokit/openapi`) and by
 * `derive.ts` for the committed CircleCI copy.
 */

type Json = any;

const COMPONENT_REF = /^#\/components\/([^/]+)\/(.+)$/;

function decodePointer(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

function collectRefs(node: Json, found: string[]): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRefs(item, found);
  } else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries<Json>(node)) {
      if (key === '$ref' && typeof value === 'string') found.push(value);
      else collectRefs(value, found);
    }
  }
}

const METHODS = new Set([
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]);

/**
 * The document with only the given operations (`METHOD /template`), their
 * path items' shared keys (`parameters`), and what they reference. Every
 * `securitySchemes` entry is kept, as operations name them without a
 * `$ref`. Throws naming an operation the document does not have.
 */
export function pruneToOperations(
  doc: Json,
  operations: readonly string[],
): Json {
  const keptPaths: Record<string, Json> = {};
  for (const operation of operations) {
    const [upper, template] = operation.split(' ');
    const method = upper.toLowerCase();
    const item = doc.paths?.[template];
    if (!item?.[method]) {
      const title = doc.info?.title ?? 'OpenAPI';
      throw new Error(
        `The ${title} document has no operation ${JSON.stringify(operation)}`,
      );
    }
    keptPaths[template] ??= Object.fromEntries(
      Object.entries(item).filter(([key]) => !METHODS.has(key)),
    );
    keptPaths[template][method] = item[method];
  }

  const components: Record<string, Record<string, Json>> = {};
  if (doc.components?.securitySchemes) {
    components.securitySchemes = doc.components.securitySchemes;
  }
  const pending: string[] = [];
  collectRefs(keptPaths, pending);
  const seen = new Set<string>();
  while (pending.length > 0) {
    const ref = pending.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const match = COMPONENT_REF.exec(ref);
    if (!match) {
      throw new Error(`Unsupported $ref ${JSON.stringify(ref)}`);
    }
    const [, section, rawName] = match;
    const name = decodePointer(rawName);
    const target = doc.components?.[section]?.[name];
    if (target === undefined) {
      throw new Error(`Dangling $ref ${JSON.stringify(ref)}`);
    }
    (components[section] ??= {})[name] = target;
    collectRefs(target, pending);
  }

  const { paths: _paths, components: _components, ...rest } = doc;
  return { ...rest, paths: keptPaths, components: sortKeys(components) };
}

function sortKeys(sections: Record<string, Record<string, Json>>) {
  return Object.fromEntries(
    Object.entries(sections)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([section, entries]) => [
        section,
        Object.fromEntries(
          Object.entries(entries).sort(([a], [b]) => a.localeCompare(b)),
        ),
      ]),
  );
}
