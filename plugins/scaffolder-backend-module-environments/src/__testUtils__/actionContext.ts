import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject, JsonValue } from '@backstage/types';
import { initiator } from './environmentsApi';

/**
 * A task's stored checkpoints, shared between runs the way a retried task
 * shares them with its first attempt (the scaffolder keeps them in the
 * task's state).
 */
export class CheckpointStore {
  readonly values = new Map<string, JsonValue | void>();

  checkpoint = async <T extends JsonValue | void>(opts: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T> => {
    if (this.values.has(opts.key)) {
      return this.values.get(opts.key) as T;
    }
    // Stored as JSON, like the scaffolder does.
    const value = JSON.parse(JSON.stringify((await opts.fn()) ?? {}));
    this.values.set(opts.key, value);
    return value;
  };
}

/**
 * A mock action context run by `ada`. `createMockActionContext` does not
 * take `isDryRun`, `checkpoint` or `step`, so they are laid over it here.
 */
export function actionContext<TInput extends JsonObject>(
  input: TInput,
  overrides: Partial<ActionContext<TInput>> = {},
) {
  const ctx = createMockActionContext<TInput>({
    input,
    task: { id: 'task-1' },
  });
  return {
    ...ctx,
    getInitiatorCredentials: async () => initiator,
    step: { id: 'step-1', name: 'Step' },
    ...overrides,
  };
}

/** The outputs an action set, by name. */
export function outputsOf(ctx: { output: unknown }): Record<string, unknown> {
  const calls = (ctx.output as jest.Mock).mock.calls as [string, unknown][];
  return Object.fromEntries(calls);
}
