import { PipelineParameterDeclaration } from './config';

/** A pipeline error as CircleCI reports it on an errored pipeline. */
export interface PipelineError {
  type:
    | 'config'
    | 'config-fetch'
    | 'timeout'
    | 'permission'
    | 'other'
    | 'trigger-rule'
    | 'plan';
  message: string;
}

function typeName(value: unknown): string {
  if (Number.isInteger(value)) return 'integer';
  if (value === null) return 'null';
  return typeof value;
}

function typeError(
  name: string,
  value: unknown,
  declared: PipelineParameterDeclaration,
) {
  const ok =
    (declared.type === 'boolean' && typeof value === 'boolean') ||
    (declared.type === 'integer' && Number.isInteger(value)) ||
    (declared.type === 'string' && typeof value === 'string') ||
    (declared.type === 'enum' &&
      typeof value === 'string' &&
      (declared.enum ?? []).includes(value));
  if (ok) return undefined;
  const expected =
    declared.type === 'enum'
      ? `enum ${JSON.stringify(declared.enum ?? [])}`
      : declared.type;
  return `Type error for argument ${name}: expected type: ${expected}, actual value: ${JSON.stringify(
    value,
  )} (type ${typeName(value)})`;
}

/**
 * The values of the declared pipeline parameters: the given ones over the
 * defaults. Undeclared or mistyped arguments are errors, as CircleCI reports
 * them on the errored pipeline.
 */
export function resolveParameters(
  declared: Record<string, PipelineParameterDeclaration>,
  given: Record<string, unknown>,
): { values: Record<string, unknown>; errors: PipelineError[] } {
  const errors: PipelineError[] = [];
  const unexpected = Object.keys(given).filter(name => !(name in declared));
  if (unexpected.length > 0) {
    errors.push({
      type: 'config',
      message: `Unexpected argument(s): ${unexpected.join(', ')}`,
    });
  }
  const values: Record<string, unknown> = {};
  for (const [name, declaration] of Object.entries(declared)) {
    if (name in given) {
      const problem = typeError(name, given[name], declaration);
      if (problem) errors.push({ type: 'config', message: problem });
      values[name] = given[name];
    } else if ('default' in declaration) {
      values[name] = declaration.default;
    } else {
      errors.push({
        type: 'config',
        message: `Missing required argument(s): ${name}`,
      });
    }
  }
  return { values, errors };
}
