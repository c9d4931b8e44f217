/*
 * Removes the prose of an API description or JSON Schema, keeping only
 * what a validator reads. The committed copies carry no documentation
 * text of their authors: paths, operations and schemas only.
 */

type Json = any;

/** Keys whose string values are documentation. */
const PROSE = new Set(['description', 'summary', 'markdownDescription']);
/** Keys whose values are samples, whatever their type. */
const SAMPLES = new Set(['example', 'examples']);
/** Keys whose value maps names to schemas: a property may be named `description`. */
const NAME_MAPS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  'schemas',
]);

/** A copy of `node` without prose and samples. */
export function stripProse(node: Json, parentKey?: string): Json {
  if (Array.isArray(node)) return node.map(item => stripProse(item));
  if (!node || typeof node !== 'object') return node;
  const names = parentKey !== undefined && NAME_MAPS.has(parentKey);
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries<Json>(node)) {
    if (!names && PROSE.has(key) && typeof value === 'string') continue;
    if (!names && SAMPLES.has(key)) continue;
    out[key] = stripProse(value, key);
  }
  return out;
}
