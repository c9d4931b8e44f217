import { createHash } from 'node:crypto';
import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import type { JsonObject, JsonValue } from '@backstage/types';

type Context = Pick<
  ActionContext<JsonObject>,
  'task' | 'step' | 'isDryRun' | 'checkpoint'
>;

/** Whether this run previews only: a template dry run, or `dryRun: true`. */
export function isPreview(ctx: Context, dryRun: boolean | undefined) {
  return Boolean(ctx.isDryRun || dryRun);
}

/**
 * The idempotency key of one mutation: stable across retries of the same
 * task step, distinct per task, step and request, at most 129 characters
 * for a task id that is a UUID.
 *
 * A step that loops with `each` calls its action several times under one
 * step id; the digest of the request keeps those calls apart, while a retry
 * renders the same input again and so gets the same key.
 */
export function idempotencyKey(
  ctx: Context,
  actionId: string,
  request: JsonValue,
): string {
  const stepId = ctx.step?.id ?? actionId;
  const digest = createHash('sha256')
    .update(JSON.stringify([stepId, actionId, request]))
    .digest('hex')
    .slice(0, 16);
  // Readable, yet short enough for the backend's 255-character key column
  // whatever the step is called; the digest still tells steps apart.
  const step = encodeURIComponent(stepId).slice(0, 64);
  return `scaffolder:${ctx.task.id}:${step}:${digest}`;
}

/**
 * Runs a mutation at most once per task step.
 *
 * `ctx.checkpoint` stores the result, so a retried task gets the first result
 * back without calling again; the same key goes to the backend as the
 * `Idempotency-Key`, which covers a crash after the call but before the
 * checkpoint was stored.
 */
export async function mutateOnce<T extends object>(
  ctx: Context,
  actionId: string,
  request: JsonObject,
  mutate: (idempotencyKey: string) => Promise<T>,
): Promise<T> {
  const key = idempotencyKey(ctx, actionId, request);
  const result = await ctx.checkpoint<JsonObject>({
    key,
    fn: async () => (await mutate(key)) as JsonObject,
  });
  return result as T;
}
