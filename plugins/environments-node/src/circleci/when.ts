import { InputError } from '@backstage/errors';
import { isDeepStrictEqual } from 'node:util';

/**
 * The pipeline values `<< pipeline.* >>` templates can refer to. Only
 * `parameters` is required: a value that is absent is an error when a
 * condition uses it, except the git branch and tag, which CircleCI leaves
 * empty when a pipeline has none.
 *
 * @public
 */
export interface PipelineValues {
  /** Pipeline parameters after defaults are applied. */
  parameters: Record<string, unknown>;
  /** `pipeline.git.branch`, `pipeline.git.tag`, `pipeline.git.revision`. */
  git?: { branch?: string; tag?: string; revision?: string };
  /** `pipeline.project.slug`. */
  project?: { slug?: string };
  /** `pipeline.number`. */
  number?: number;
  /** `pipeline.trigger_source`. */
  triggerSource?: string;
}

const TEMPLATE = /<<\s*([\w.-]+)\s*>>/g;
const WHOLE = /^\s*<<\s*([\w.-]+)\s*>>\s*$/;

/*
 * Errors use CircleCI's own wording of a config compile error
 * ("Unknown variable(s): …"), as the sandbox reports them on an errored
 * pipeline and infra-checks reports what CircleCI would say.
 */
function unknown(path: string): never {
  throw new InputError(`Unknown variable(s): ${path}`);
}

const VALUES: Record<string, (values: PipelineValues) => unknown> = {
  'pipeline.git.branch': v => v.git?.branch ?? '',
  'pipeline.git.tag': v => v.git?.tag ?? '',
  'pipeline.git.revision': v => v.git?.revision,
  'pipeline.project.slug': v => v.project?.slug,
  'pipeline.number': v => v.number,
  'pipeline.trigger_source': v => v.triggerSource,
};

function lookup(path: string, values: PipelineValues): unknown {
  const parameter = /^pipeline\.parameters\.(.+)$/.exec(path)?.[1];
  if (parameter !== undefined) {
    if (!Object.hasOwn(values.parameters, parameter)) unknown(path);
    return values.parameters[parameter];
  }
  if (!Object.hasOwn(VALUES, path)) unknown(path);
  const value = VALUES[path](values);
  if (value === undefined) {
    throw new InputError(`${path} has no value in this evaluation`);
  }
  return value;
}

/**
 * Substitutes `<< pipeline.* >>` templates as CircleCI does when it
 * compiles a config. A value that is exactly one template keeps the type of
 * what it refers to (a boolean stays a boolean).
 *
 * @public
 */
export function interpolatePipelineValues(
  value: unknown,
  values: PipelineValues,
): unknown {
  if (typeof value !== 'string') return value;
  const whole = WHOLE.exec(value);
  if (whole) return lookup(whole[1], values);
  return value.replace(TEMPLATE, (_m, path: string) =>
    String(lookup(path, values)),
  );
}

/**
 * CircleCI's falsy values: false, null, 0, NaN, empty strings, and
 * statements with no arguments (handled by the operators).
 */
function truthy(value: unknown): boolean {
  if (value === false || value === null || value === undefined) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return true;
}

function operands(operator: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) {
    throw new InputError(
      `"${operator}" takes a list, got ${JSON.stringify(operand)}`,
    );
  }
  return operand;
}

function matches(operand: unknown, values: PipelineValues): boolean {
  const { pattern, value } = (operand ?? {}) as {
    pattern?: unknown;
    value?: unknown;
  };
  if (typeof pattern !== 'string') {
    throw new InputError(
      `"matches" needs a pattern, got ${JSON.stringify(operand)}`,
    );
  }
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw new InputError(
      `"matches" has an invalid pattern ${JSON.stringify(pattern)}: ${error}`,
    );
  }
  return regex.test(String(interpolatePipelineValues(value, values)));
}

/**
 * Evaluates a logic statement of a workflow's `when`/`unless` the way
 * CircleCI does when it compiles the config: `and`, `or`, `not`, `equal`
 * and `matches` (anchored at both ends), literals and `<< pipeline.* >>`
 * values, with CircleCI's truthiness. As CircleCI documents, a statement
 * with no arguments (`and: []`) is falsy. A malformed statement, an
 * unknown operator or an unknown pipeline value is an InputError quoting
 * it.
 *
 * @public
 */
export function evaluateCondition(
  statement: unknown,
  values: PipelineValues,
): boolean {
  if (
    statement === null ||
    typeof statement !== 'object' ||
    Array.isArray(statement)
  ) {
    return truthy(interpolatePipelineValues(statement, values));
  }
  const entries = Object.entries(statement);
  if (entries.length !== 1) {
    throw new InputError(
      `A logic statement has exactly one operator, got ${JSON.stringify(
        statement,
      )}`,
    );
  }
  const [operator, operand] = entries[0];
  switch (operator) {
    case 'and': {
      const list = operands(operator, operand);
      return list.length > 0 && list.every(s => evaluateCondition(s, values));
    }
    case 'or':
      return operands(operator, operand).some(s =>
        evaluateCondition(s, values),
      );
    case 'not':
      return !evaluateCondition(operand, values);
    case 'equal': {
      const list = operands(operator, operand).map(v =>
        interpolatePipelineValues(v, values),
      );
      return list.length > 0 && list.every(v => isDeepStrictEqual(v, list[0]));
    }
    case 'matches':
      return matches(operand, values);
    default:
      throw new InputError(`Unknown logic operator "${operator}"`);
  }
}

/**
 * Whether a workflow runs: its `when` holds (or it has none) and its
 * `unless` does not.
 *
 * @public
 */
export function workflowRuns(
  workflow: { when?: unknown; unless?: unknown },
  values: PipelineValues,
): boolean {
  return (
    (workflow.when === undefined || evaluateCondition(workflow.when, values)) &&
    (workflow.unless === undefined ||
      !evaluateCondition(workflow.unless, values))
  );
}
