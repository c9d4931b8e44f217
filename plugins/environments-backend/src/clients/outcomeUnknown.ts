import { ServiceUnavailableError } from '@backstage/errors';

/**
 * A write whose answer was lost: it timed out, the connection dropped, or
 * the upstream answered 5xx after the request was sent. The upstream may
 * have acted, so the write must be reconciled, never blindly repeated.
 * Answered 503, like any upstream failure.
 */
export class OutcomeUnknownError extends ServiceUnavailableError {}

/** Whether an error means that the write may have happened. */
export function isOutcomeUnknown(error: unknown): error is OutcomeUnknownError {
  return error instanceof OutcomeUnknownError;
}

/**
 * Whether a failed fetch certainly never reached the server (the connection
 * was refused or the host not found), so nothing can have happened.
 */
export function neverSent(error: unknown): boolean {
  let cause: unknown = error;
  for (let depth = 0; cause && depth < 5; depth++) {
    const code = (cause as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN')
      return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
