import type { ResponseError } from '@backstage/errors';

/**
 * The message to show for a failed request: the backend's own message (for
 * example the ConflictError naming the running pipeline) rather than
 * ResponseError's generic "Request failed with 409 Conflict".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    // Duck-typed: a ResponseError from another copy of @backstage/errors
    // fails instanceof but carries the same body.
    const { body, statusCode } = error as Partial<ResponseError>;
    const upstream = body?.error?.message;
    if (upstream) {
      return statusCode ? `${upstream} (HTTP ${statusCode})` : upstream;
    }
    return error.message;
  }
  return String(error);
}
