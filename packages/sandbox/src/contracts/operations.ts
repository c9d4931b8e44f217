import { resolveRef } from './openapi';

type Json = any;

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** One operation of an OpenAPI document, with a matcher for its path. */
export interface Operation {
  method: string;
  template: string;
  operationId?: string;
  definition: Json;
  parameters: Json[];
  regex: RegExp;
  names: string[];
  literals: number;
}

/** An operation matched to a concrete request path. */
export interface MatchedOperation {
  operation: Operation;
  params: Record<string, string>;
}

/**
 * Regular expressions for path parameters that span several segments.
 * GitHub marks them `x-multi-segment`; CircleCI's project slug
 * (`gh/org/repo`) arrives with raw slashes although the spec does not say so.
 */
export type SegmentPatterns = Record<string, string>;

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Lists every operation of `openapi` with a regular expression for its path. */
export function compileOperations(
  openapi: Json,
  segmentPatterns: SegmentPatterns = {},
): Operation[] {
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries<Json>(openapi.paths ?? {})) {
    const shared = (item.parameters ?? []).map((p: Json) =>
      resolveRef(openapi, p),
    );
    for (const method of METHODS) {
      const definition = item[method];
      if (!definition) continue;
      const own = (definition.parameters ?? []).map((p: Json) =>
        resolveRef(openapi, p),
      );
      const parameters = [
        ...shared.filter(
          (s: Json) => !own.some((o: Json) => o.name === s.name),
        ),
        ...own,
      ];
      const names: string[] = [];
      let literals = 0;
      const source = template
        .split('/')
        .map(segment =>
          segment.replace(/\{([^}]+)\}|[^{]+/g, (part, name?: string) => {
            if (!name) {
              literals += 1;
              return escape(part);
            }
            names.push(name);
            const declared = parameters.find(
              (p: Json) => p.in === 'path' && p.name === name,
            );
            if (segmentPatterns[name]) return `(${segmentPatterns[name]})`;
            return declared?.['x-multi-segment'] ? '(.+)' : '([^/]+)';
          }),
        )
        .join('/');
      operations.push({
        method,
        template,
        operationId: definition.operationId,
        definition,
        parameters,
        regex: new RegExp(`^${source}$`),
        names,
        literals,
      });
    }
  }
  return operations;
}

/** Decodes every segment, so `gh%2Forg%2Frepo` and `a%2Fb.tf` match too. */
export function normalisePath(rawPath: string): string {
  return rawPath
    .split('/')
    .map(segment => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    })
    .join('/');
}

/**
 * Finds the operation a request is for. When templates overlap (a parameter
 * could swallow a literal such as `mine` or `run`), the one with the most
 * literal segments wins, as a router would rank them.
 */
export function matchOperation(
  operations: Operation[],
  method: string,
  rawPath: string,
): MatchedOperation | undefined {
  const path = normalisePath(rawPath);
  const lower = method.toLowerCase();
  let best: MatchedOperation | undefined;
  for (const operation of operations) {
    if (operation.method !== lower) continue;
    const match = operation.regex.exec(path);
    if (!match) continue;
    if (best && best.operation.literals >= operation.literals) continue;
    const params: Record<string, string> = {};
    operation.names.forEach((name, i) => {
      params[name] = match[i + 1];
    });
    best = { operation, params };
  }
  return best;
}
