import { InputError } from '@backstage/errors';
import { parse } from 'yaml';

/**
 * A pipeline parameter value as CircleCI accepts it.
 *
 * @public
 */
export type PipelineParameterValue = string | number | boolean;

/**
 * A pipeline parameter as the top-level `parameters` of a
 * `.circleci/config.yml` declares it.
 *
 * @public
 */
export interface PipelineParameterDeclaration {
  /** `boolean`, `integer`, `string` or `enum`; any other cannot be set by a trigger. */
  type?: string;
  /** The value when a trigger does not pass one; without it the parameter is required. */
  default?: unknown;
  /** The allowed values of an `enum`. */
  enum?: unknown[];
  /** What the parameter is for. */
  description?: string;
}

/**
 * One thing wrong with the parameters of a trigger.
 *
 * @public
 */
export type PipelineParameterProblem =
  | { kind: 'undeclared'; name: string; value: unknown }
  | {
      kind: 'mistyped';
      name: string;
      value: unknown;
      declaration: PipelineParameterDeclaration;
    }
  | { kind: 'missing'; name: string };

/**
 * Reads the pipeline parameters that a `.circleci/config.yml` declares.
 * `source` names the file in errors (e.g. `.circleci/config.yml@main`).
 *
 * @public
 */
export function declaredPipelineParameters(
  configYaml: string,
  source: string,
): Record<string, PipelineParameterDeclaration> {
  let config: any;
  try {
    config = parse(configYaml);
  } catch (error) {
    throw new InputError(`${source} is not valid YAML: ${error}`);
  }
  const parameters = config?.parameters ?? {};
  if (typeof parameters !== 'object' || Array.isArray(parameters)) {
    throw new InputError(`${source} has a malformed top-level "parameters"`);
  }
  return parameters;
}

function hasType(
  value: unknown,
  declaration: PipelineParameterDeclaration,
): boolean {
  switch (declaration.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'enum':
      return (declaration.enum ?? []).includes(value);
    default:
      return false;
  }
}

/**
 * The values of the declared pipeline parameters for a trigger: the given
 * ones over the defaults, and every problem with them, as CircleCI checks
 * them when it creates the pipeline: a parameter that is not declared,
 * one of the wrong type, a required one (no default) that is not given.
 * Problems come in that order: undeclared ones first, then the declared
 * ones in declaration order.
 *
 * @public
 */
export function resolvePipelineParameters(
  declared: Record<string, PipelineParameterDeclaration>,
  given: Record<string, unknown>,
): { values: Record<string, unknown>; problems: PipelineParameterProblem[] } {
  const problems: PipelineParameterProblem[] = Object.entries(given)
    .filter(([name]) => !Object.hasOwn(declared, name))
    .map(([name, value]) => ({ kind: 'undeclared', name, value }));
  const values: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(declared)) {
    if (Object.hasOwn(given, name)) {
      const value = given[name];
      if (!hasType(value, declaration)) {
        problems.push({ kind: 'mistyped', name, value, declaration });
      }
      values[name] = value;
    } else if (declaration && 'default' in declaration) {
      values[name] = declaration.default;
    } else {
      problems.push({ kind: 'missing', name });
    }
  }
  return { values, problems };
}

/**
 * The project's one wording of a parameter problem, naming the parameter
 * and the bad value.
 *
 * @public
 */
export function describePipelineParameterProblem(
  problem: PipelineParameterProblem,
): string {
  const { name } = problem;
  if (problem.kind === 'undeclared') return `"${name}" is not declared`;
  if (problem.kind === 'missing') {
    return `"${name}" is required (it has no default) and was not given`;
  }
  const { declaration } = problem;
  const got = JSON.stringify(problem.value);
  switch (declaration.type) {
    case 'boolean':
    case 'string':
      return `"${name}" must be a ${declaration.type}, got ${got}`;
    case 'integer':
      return `"${name}" must be an integer, got ${got}`;
    case 'enum':
      return `"${name}" must be one of ${JSON.stringify(
        declaration.enum ?? [],
      )}, got ${got}`;
    default:
      return `"${name}" is of type ${JSON.stringify(
        declaration.type,
      )}, which a pipeline trigger cannot set`;
  }
}

/**
 * Checks the parameters of a trigger against those the config declares
 * and returns the values the pipeline gets (defaults filled in). Any
 * problem is an InputError naming every bad parameter, so nothing is
 * triggered. `source` names the config in the message.
 *
 * @public
 */
export function checkPipelineParameters(
  declared: Record<string, PipelineParameterDeclaration>,
  given: Record<string, unknown>,
  source: string,
): Record<string, unknown> {
  const { values, problems } = resolvePipelineParameters(declared, given);
  if (problems.length > 0) {
    throw new InputError(
      `Invalid pipeline parameters for ${source}: ${problems
        .map(describePipelineParameterProblem)
        .join('; ')}`,
    );
  }
  return values;
}
