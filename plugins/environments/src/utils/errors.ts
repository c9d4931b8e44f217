import type { ResponseError } from '@backstage/errors';

type MaybeResponseError = Partial<
  Pick<ResponseError, 'body' | 'statusCode'>
> & {
  response?: { headers?: Headers | { get?(name: string): string | null } };
};

/**
 * The message to show for a failed request: the backend's own message (for
 * example the ConflictError naming the running pipeline) rather than
 * ResponseError's generic "Request failed with 409 Conflict".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    // Duck-typed: a ResponseError from another copy of @backstage/errors
    // fails instanceof but carries the same body.
    const { body, statusCode } = error as MaybeResponseError;
    const upstream = body?.error?.message;
    if (upstream) {
      return statusCode ? `${upstream} (HTTP ${statusCode})` : upstream;
    }
    return error.message;
  }
  return String(error);
}

/** The HTTP status of a failed request, if it got an answer. */
export function statusOf(error: unknown): number | undefined {
  return (error as MaybeResponseError | undefined)?.statusCode;
}

/**
 * Whether the portal's own backend could not be reached: the request got no
 * answer at all, or a gateway answered for it without a Backstage error
 * body. An upstream outage (CircleCI, GitHub) comes as a Backstage error
 * body from a backend that is up, and is not this.
 */
export function isBackendUnreachable(error: unknown): boolean {
  // Duck-typed: fetch's TypeError may come from another realm.
  if (!error || typeof error !== 'object' || !('message' in error)) {
    return false;
  }
  const { name, message } = error as Error;
  const status = statusOf(error);
  if (status === undefined) {
    return (
      name === 'TypeError' ||
      /failed to fetch|fetch failed|network/i.test(String(message))
    );
  }
  const hasBody = !!(error as MaybeResponseError).body?.error?.message;
  return [502, 503, 504].includes(status) && !hasBody;
}

/** Seconds to wait before retrying, from a 429's or 503's `Retry-After`. */
export function retryAfterSeconds(error: unknown): number | undefined {
  const status = statusOf(error);
  if (status !== 429 && status !== 503) return undefined;
  const headers = (error as MaybeResponseError).response?.headers;
  const value = headers?.get?.('Retry-After') ?? undefined;
  const fromHeader = value !== undefined ? Number(value) : NaN;
  if (Number.isFinite(fromHeader) && fromHeader > 0) {
    return Math.ceil(fromHeader);
  }
  const fromText = /retry[^0-9]{0,20}(\d+)\s*s/i.exec(errorMessage(error));
  if (fromText) return Number(fromText[1]);
  return status === 429 ? 30 : undefined;
}

/** The backend's message without the chained causes, for a details line. */
function firstCause(error: unknown): string {
  return errorMessage(error)
    .replace(/;\s*caused by[\s\S]*$/i, '')
    .trim();
}

/** A failed operation in plain words, and what became of the request. */
export interface ActionErrorText {
  /** What happened and whether anything was triggered. */
  summary: string;
  /** The backend's own words, shortened. */
  details?: string;
  /** Whether retrying is safe and useful. */
  retryable: boolean;
}

/**
 * Whether an error says that the request's outcome is not known yet (its
 * answer from CircleCI or GitHub was lost): retrying with the same key is
 * safe and gets what happened.
 */
export function outcomeUnknown(error: unknown): boolean {
  return /outcome (is unknown|of .* is not known yet)|may have acted/.test(
    errorMessage(error),
  );
}

/**
 * A failed operation in plain words that say whether anything was
 * triggered. A retry reuses the request's idempotency key, so the backend
 * runs it at most once: a retry after an unknown outcome is safe.
 */
export function describeActionError(error: unknown): ActionErrorText {
  const status = statusOf(error);
  const details = firstCause(error);
  // The upstream's answer was lost after the request went out: it may have
  // acted. Never "nothing was triggered" then; a retry finds out.
  if (outcomeUnknown(error)) {
    return {
      summary:
        'No answer yet: the outcome is unknown, and the portal is looking for what happened. Retry to get the outcome (nothing runs twice).',
      details,
      retryable: true,
    };
  }
  if (isBackendUnreachable(error)) {
    return {
      summary:
        'The portal backend could not be reached. Nothing was triggered; it is safe to retry.',
      retryable: true,
    };
  }
  switch (status) {
    case 400:
      return {
        summary: `The request was refused: ${details}. Nothing was triggered.`,
        retryable: false,
      };
    case 403:
      return {
        summary: `You may not do this: ${details}. Nothing was triggered.`,
        retryable: false,
      };
    case 404:
      return {
        summary: `Not found: ${details}. Nothing was triggered.`,
        retryable: false,
      };
    case 409:
      return {
        summary: `Not now: ${details}. Nothing was triggered.`,
        retryable: false,
      };
    case 429:
      return {
        summary:
          'CircleCI is rate limiting the portal. Nothing was triggered; retry when the countdown ends.',
        details,
        retryable: true,
      };
    case 502:
    case 503:
    case 504:
      return {
        summary:
          'CircleCI or GitHub did not answer. Nothing was triggered; it is safe to retry.',
        details,
        retryable: true,
      };
    default:
      return {
        summary:
          status && status >= 500
            ? 'The portal could not finish the request. If anything was triggered, the page shows it; a retry runs it at most once.'
            : details,
        details: status && status >= 500 ? details : undefined,
        retryable: true,
      };
  }
}
