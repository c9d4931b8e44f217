import { InputError } from '@backstage/errors';
import { parse } from 'yaml';

/** A pipeline parameter value as CircleCI accepts it. */
export type PipelineParameterValue = string | number | boolean;

interface Declared {
  type?: string;
  enum?: unknown[];
}

/**
 * Reads the pipeline parameters that a `.circleci/config.yml` declares.
 */
export function declaredPipelineParameters(
  configYaml: string,
  source: string,
): Record<string, Declared> {
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

function typeError(
  name: string,
  value: PipelineParameterValue,
  declared: Declared,
): string | undefined {
  const got = JSON.stringify(value);
  switch (declared.type) {
    case 'boolean':
      return typeof value === 'boolean'
        ? undefined
        : `"${name}" must be a boolean, got ${got}`;
    case 'integer':
      return Number.isInteger(value)
        ? undefined
        : `"${name}" must be an integer, got ${got}`;
    case 'string':
      return typeof value === 'string'
        ? undefined
        : `"${name}" must be a string, got ${got}`;
    case 'enum':
      return declared.enum?.includes(value)
        ? undefined
        : `"${name}" must be one of ${JSON.stringify(
            declared.enum,
          )}, got ${got}`;
    default:
      return `"${name}" is of type ${JSON.stringify(
        declared.type,
      )}, which a pipeline trigger cannot set`;
  }
}

/**
 * Checks pipeline parameters against those the config declares (name and
 * type). An undeclared or mistyped parameter is an InputError naming every
 * bad one, so nothing is triggered.
 */
export function checkPipelineParameters(
  declared: Record<string, Declared>,
  parameters: Record<string, PipelineParameterValue>,
  source: string,
): void {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(parameters)) {
    const declaration = declared[name];
    if (!declaration) {
      problems.push(`"${name}" is not declared`);
      continue;
    }
    const problem = typeError(name, value, declaration);
    if (problem) problems.push(problem);
  }
  if (problems.length > 0) {
    throw new InputError(
      `Invalid pipeline parameters for ${source}: ${problems.join('; ')}`,
    );
  }
}
