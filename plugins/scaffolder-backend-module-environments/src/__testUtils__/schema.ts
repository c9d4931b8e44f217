import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { validate } from 'jsonschema';

/**
 * Checks an action's input the way the scaffolder does before it runs a
 * step: against the JSON schema made from the action's zod input schema.
 * Returns the error messages, none when the input is valid.
 */
export function inputErrors(
  action: TemplateAction<any, any, any>,
  input: unknown,
): string[] {
  return validate(input, action.schema?.input ?? {}).errors.map(e => e.stack);
}
