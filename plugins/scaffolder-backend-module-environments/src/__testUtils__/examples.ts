import type {
  TemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import yaml from 'yaml';
import { inputErrors } from './schema';

/** One template step, as written in an example. */
export interface ExampleStep<TInput> {
  id: string;
  action: string;
  name: string;
  input: TInput;
}

/**
 * The one step of an example that uses the action, with its input checked
 * against the action's schema the way the scaffolder checks it.
 */
export function exampleStep<TInput extends JsonObject>(
  example: TemplateExample,
  action: TemplateAction<TInput, any, any>,
): ExampleStep<TInput> {
  const { steps } = yaml.parse(example.example) as {
    steps: ExampleStep<JsonObject>[];
  };
  const own = steps.filter(s => s.action === action.id);
  if (own.length !== 1) {
    throw new Error(
      `Example '${example.description}' has ${own.length} '${action.id}' steps, expected 1`,
    );
  }
  const errors = inputErrors(action, own[0].input);
  if (errors.length) {
    throw new Error(
      `Example '${example.description}' has invalid input: ${errors.join(
        '; ',
      )}`,
    );
  }
  return own[0] as ExampleStep<TInput>;
}
