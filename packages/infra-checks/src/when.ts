import { InputError } from '@backstage/errors';
import { isDeepStrictEqual } from 'node:util';

/** Pipeline values a `when` condition can read. */
export interface PipelineValues {
  /** Pipeline parameters after defaults are applied. */
  parameters: Record<string, unknown>;
  /** `pipeline.git.branch`. */
  branch: string;
}

const WHOLE_REFERENCE = /^\s*<<\s*pipeline\.([A-Za-z0-9_.-]+)\s*>>\s*$/;
const REFERENCE = /<<\s*pipeline\.([A-Za-z0-9_.-]+)\s*>>/g;

function lookup(path: string, values: PipelineValues): unknown {
  if (path === 'git.branch') return values.branch;
  const parameter = /^parameters\.(.+)$/.exec(path)?.[1];
  if (parameter !== undefined) {
    if (!(parameter in values.parameters)) {
      throw new InputError(`Undeclared pipeline parameter "${parameter}"`);
    }
    return values.parameters[parameter];
  }
  throw new InputError(`Unsupported pipeline value "pipeline.${path}"`);
}

/** A literal, with `<< pipeline.x >>` replaced as CircleCI does at compile time. */
function value(node: unknown, values: PipelineValues): unknown {
  if (typeof node !== 'string') return node;
  const whole = WHOLE_REFERENCE.exec(node);
  if (whole) return lookup(whole[1], values);
  return node.replace(REFERENCE, (_, path) => String(lookup(path, values)));
}

/** CircleCI's falsy values: false, null, 0, NaN, empty strings and statements with no arguments. */
function truthy(v: unknown): boolean {
  if (v === false || v === null || v === undefined || v === '') return false;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  return true;
}

/**
 * Evaluates a CircleCI logic statement (`and`, `or`, `not`, `equal`,
 * `matches`, literals and pipeline values) the way CircleCI does when it
 * compiles a workflow's `when`/`unless`.
 *
 * @public
 */
export function evaluateCondition(
  node: unknown,
  values: PipelineValues,
): boolean {
  return truthy(evaluate(node, values));
}

function evaluate(node: unknown, values: PipelineValues): unknown {
  if (Array.isArray(node) || node === null || typeof node !== 'object') {
    return value(node, values);
  }
  const entries = Object.entries(node);
  if (entries.length !== 1) {
    throw new InputError(
      `A logic statement has exactly one operator, got ${JSON.stringify(node)}`,
    );
  }
  const [operator, operand] = entries[0];
  const list = (): unknown[] => {
    if (!Array.isArray(operand) || operand.length === 0) {
      throw new InputError(
        `"${operator}" needs a non-empty list, got ${JSON.stringify(operand)}`,
      );
    }
    return operand;
  };
  switch (operator) {
    case 'and':
      return list().every(item => evaluateCondition(item, values));
    case 'or':
      return list().some(item => evaluateCondition(item, values));
    case 'not':
      return !evaluateCondition(operand, values);
    case 'equal': {
      const [first, ...rest] = list().map(item => evaluate(item, values));
      return rest.every(item => isDeepStrictEqual(item, first));
    }
    case 'matches': {
      const { pattern, value: subject } = operand as {
        pattern?: unknown;
        value?: unknown;
      };
      if (typeof pattern !== 'string') {
        throw new InputError(
          `"matches" needs a pattern, got ${JSON.stringify(operand)}`,
        );
      }
      return new RegExp(`^(?:${pattern})$`).test(
        String(value(subject, values)),
      );
    }
    default:
      throw new InputError(`Unknown logic operator "${operator}"`);
  }
}

/**
 * The parameter values of a pipeline: declared defaults overridden by what
 * the trigger passes. Unknown or mistyped parameters are rejected, as
 * CircleCI rejects them.
 *
 * @public
 */
export function resolveParameters(
  declared: Record<string, { type?: string; default?: unknown }>,
  passed: Record<string, unknown>,
): Record<string, unknown> {
  const resolved: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    resolved[name] = spec.default;
  }
  for (const [name, v] of Object.entries(passed)) {
    const spec = declared[name];
    if (!spec) throw new InputError(`Unexpected pipeline parameter "${name}"`);
    if (spec.type === 'boolean' && typeof v !== 'boolean') {
      throw new InputError(
        `Pipeline parameter "${name}" is boolean, got ${JSON.stringify(v)}`,
      );
    }
    resolved[name] = v;
  }
  return resolved;
}

/**
 * The workflows a pipeline runs, in config order.
 *
 * @public
 */
export function selectWorkflows(
  config: { parameters?: Record<string, any>; workflows?: Record<string, any> },
  passed: Record<string, unknown>,
  branch: string,
): string[] {
  const values: PipelineValues = {
    parameters: resolveParameters(config.parameters ?? {}, passed),
    branch,
  };
  return Object.entries(config.workflows ?? {})
    .filter(([name]) => name !== 'version')
    .filter(([, workflow]) => {
      const when =
        workflow?.when === undefined ||
        evaluateCondition(workflow.when, values);
      const unless =
        workflow?.unless !== undefined &&
        evaluateCondition(workflow.unless, values);
      return when && !unless;
    })
    .map(([name]) => name);
}
