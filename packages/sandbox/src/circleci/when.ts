/** The pipeline values `<< pipeline.* >>` templates can refer to. */
export interface PipelineValues {
  parameters: Record<string, unknown>;
  git: { branch?: string; tag?: string; revision: string };
  project: { slug: string };
  number: number;
  triggerSource: string;
}

const TEMPLATE = /<<\s*([\w.-]+)\s*>>/g;
const WHOLE = /^<<\s*([\w.-]+)\s*>>$/;

function lookup(path: string, values: PipelineValues): unknown {
  const [root, kind, ...rest] = path.split('.');
  if (root !== 'pipeline') {
    throw new Error(`Unknown variable ${JSON.stringify(path)}`);
  }
  switch (kind) {
    case 'parameters': {
      const name = rest.join('.');
      if (!(name in values.parameters)) {
        throw new Error(`Unknown variable(s): pipeline.parameters.${name}`);
      }
      return values.parameters[name];
    }
    case 'git':
      if (rest[0] === 'branch') return values.git.branch ?? '';
      if (rest[0] === 'tag') return values.git.tag ?? '';
      if (rest[0] === 'revision') return values.git.revision;
      break;
    case 'project':
      if (rest[0] === 'slug') return values.project.slug;
      break;
    case 'number':
      return values.number;
    case 'trigger_source':
      return values.triggerSource;
    default:
      break;
  }
  throw new Error(`Unknown variable(s): ${path}`);
}

/**
 * Substitutes `<< pipeline.* >>` templates. A value that is exactly one
 * template keeps the type of what it refers to (a boolean stays a boolean).
 */
export function interpolate(value: unknown, values: PipelineValues): unknown {
  if (typeof value !== 'string') return value;
  const whole = WHOLE.exec(value.trim());
  if (whole) return lookup(whole[1], values);
  return value.replace(TEMPLATE, (_m, path: string) =>
    String(lookup(path, values)),
  );
}

/** CircleCI's truthiness: false, null, 0, NaN and '' are false. */
function truthy(value: unknown): boolean {
  if (value === false || value === null || value === undefined) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  return true;
}

/**
 * Evaluates a logic statement of `when:`/`unless:`: `and`, `or`, `not`,
 * `equal` and `matches`, or a literal value.
 */
export function evaluate(statement: unknown, values: PipelineValues): boolean {
  if (
    statement === null ||
    typeof statement !== 'object' ||
    Array.isArray(statement)
  ) {
    return truthy(interpolate(statement, values));
  }
  const entries = Object.entries(statement as Record<string, unknown>);
  if (entries.length !== 1) {
    throw new Error(
      `A logic statement has exactly one key, got ${JSON.stringify(
        Object.keys(statement),
      )}`,
    );
  }
  const [operator, operand] = entries[0];
  const list = (): unknown[] => {
    if (!Array.isArray(operand)) {
      throw new Error(
        `"${operator}" takes a list, got ${JSON.stringify(operand)}`,
      );
    }
    return operand;
  };
  switch (operator) {
    case 'and':
      return list().every(s => evaluate(s, values));
    case 'or':
      return list().some(s => evaluate(s, values));
    case 'not':
      return !evaluate(operand, values);
    case 'equal': {
      const items = list().map(v => interpolate(v, values));
      return items.every(v => v === items[0]);
    }
    case 'matches': {
      const { pattern, value } = operand as { pattern: string; value: unknown };
      return new RegExp(`^(?:${pattern})$`).test(
        String(interpolate(value, values)),
      );
    }
    default:
      throw new Error(`Unknown logic operator ${JSON.stringify(operator)}`);
  }
}
