import { ConflictError, InputError } from '@backstage/errors';
import type { OperationResult } from '@rocket-club/plugin-environments-common';

/**
 * Refuses input keys the action does not take, whoever calls its handler:
 * a misspelt `dry_run` must never be dropped and the step run for real.
 * (The scaffolder's own schema check refuses them too, before the handler.)
 */
export function refuseUnknownInputs(
  actionId: string,
  input: object,
  known: string[],
) {
  const unknown = Object.keys(input).filter(k => !known.includes(k));
  if (unknown.length > 0) {
    throw new InputError(
      `${actionId} does not take ${unknown
        .map(k => JSON.stringify(k))
        .join(', ')}; it takes ${known.join(', ')}`,
    );
  }
}

/**
 * A preview answers what the real call would: when the backend says the
 * real call would be refused (lock, operation in flight, permission,
 * already parked or active), the dry-run step fails with that reason.
 */
export function assertWouldSucceed(preview: OperationResult) {
  if (preview.wouldSucceed === false) {
    throw new ConflictError(
      `The real run would be refused: ${preview.reason ?? preview.message}`,
    );
  }
}
