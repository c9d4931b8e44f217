import {
  PipelineParameterDeclaration,
  PipelineParameterProblem,
  resolvePipelineParameters,
} from '@rocket-club/plugin-environments-node';

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

/*
 * The check is the project's one (`resolvePipelineParameters`); only the
 * wording is CircleCI's, because the stand-in must answer on the wire what
 * CircleCI answers, and CircleCI words these problems differently from the
 * portal: all undeclared names in one "Unexpected argument(s)" error, a
 * "Type error for argument" per mistyped one, "Missing required
 * argument(s)" per missing one.
 */
function circleCiErrors(problems: PipelineParameterProblem[]): PipelineError[] {
  const undeclared = problems.filter(p => p.kind === 'undeclared');
  const errors: PipelineError[] =
    undeclared.length > 0
      ? [
          {
            type: 'config',
            message: `Unexpected argument(s): ${undeclared
              .map(p => p.name)
              .join(', ')}`,
          },
        ]
      : [];
  for (const problem of problems) {
    if (problem.kind === 'mistyped') {
      const { name, value, declaration } = problem;
      const expected =
        declaration.type === 'enum'
          ? `enum ${JSON.stringify(declaration.enum ?? [])}`
          : declaration.type;
      errors.push({
        type: 'config',
        message: `Type error for argument ${name}: expected type: ${expected}, actual value: ${JSON.stringify(
          value,
        )} (type ${typeName(value)})`,
      });
    } else if (problem.kind === 'missing') {
      errors.push({
        type: 'config',
        message: `Missing required argument(s): ${problem.name}`,
      });
    }
  }
  return errors;
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
  const { values, problems } = resolvePipelineParameters(declared, given);
  return { values, errors: circleCiErrors(problems) };
}
