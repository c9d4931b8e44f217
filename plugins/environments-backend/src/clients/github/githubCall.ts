import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { retryAfterMs } from '../fetchWithRetry';
import { OutcomeUnknownError } from '../outcomeUnknown';

/** How each GitHub call is bounded. */
export interface GithubCallOptions {
  /** Each attempt gets this long. */
  timeoutMs: number;
  /** Attempts after the first: every error for reads, rate limits for writes. */
  maxRetries: number;
  /** Longest wait between attempts, `Retry-After` included. */
  maxDelayMs: number;
  baseDelayMs: number;
  sleep?: (ms: number) => Promise<unknown>;
  logger?: LoggerService;
}

/** Defaults: 10 s per attempt, 2 retries, waits of at most 10 s. */
export const DEFAULT_GITHUB_CALL: GithubCallOptions = {
  timeoutMs: 10_000,
  maxRetries: 2,
  maxDelayMs: 10_000,
  baseDelayMs: 250,
};

/** A GitHub error with the status it answered, for callers that branch on it. */
export class GithubStatusError extends InputError {
  constructor(message: string, readonly githubStatus: number, cause?: unknown) {
    super(message, cause);
  }
}

interface OctokitError {
  status?: number;
  name?: string;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

const rateLimited = (e: OctokitError) =>
  e.status === 429 ||
  (e.status === 403 && e.response?.headers?.['x-ratelimit-remaining'] === '0');

/**
 * One GitHub call with a timeout per attempt, bounded retries with backoff
 * that honour `Retry-After` (reads: rate limits, 5xx, timeouts and network
 * errors; writes: rate limits only, which GitHub did not act on), and
 * errors mapped so that GitHub's answer about the portal's own token never
 * reaches the caller as theirs: 401/403 become 503 saying GitHub refused
 * the portal's token. A write whose answer was lost is
 * {@link OutcomeUnknownError}.
 */
export async function githubCall<T>(
  what: string,
  mode: 'read' | 'write',
  fn: (signal: AbortSignal) => Promise<T>,
  options: GithubCallOptions = DEFAULT_GITHUB_CALL,
): Promise<T> {
  const sleep = options.sleep ?? sleepFor;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(AbortSignal.timeout(options.timeoutMs));
    } catch (error) {
      const e = error as OctokitError;
      const status = e.status;
      const lost =
        status === undefined || status >= 500 || e.name === 'TimeoutError';
      const retryable = rateLimited(e) || (mode === 'read' && lost);
      const backoff = options.baseDelayMs * 2 ** attempt;
      const wait = rateLimited(e)
        ? retryAfterMs(e.response?.headers?.['retry-after'] ?? null) ?? backoff
        : backoff;
      if (
        retryable &&
        attempt < options.maxRetries &&
        wait <= options.maxDelayMs
      ) {
        options.logger?.warn(
          `GitHub ${what}: ${status ?? e.message}; retrying in ${wait} ms`,
        );
        await sleep(wait);
        continue;
      }
      throw mapError(what, mode, e, error);
    }
  }
}

function mapError(
  what: string,
  mode: 'read' | 'write',
  e: OctokitError,
  cause: unknown,
): Error {
  const status = e.status;
  if (rateLimited(e)) {
    return new ServiceUnavailableError(
      `GitHub rate-limited the portal's token on ${what}`,
      cause,
    );
  }
  if (status === 401 || status === 403) {
    return new ServiceUnavailableError(
      `GitHub refused the portal's token on ${what} (HTTP ${status}); the integrations.github credentials need fixing`,
      cause,
    );
  }
  if (status === 404) return new NotFoundError(`GitHub has no ${what}`, cause);
  if (status === 409) {
    return new ConflictError(`GitHub: ${what} conflicts (HTTP 409)`, cause);
  }
  if (status !== undefined && status < 500) {
    return new GithubStatusError(
      `GitHub refused ${what} (HTTP ${status}): ${e.message ?? ''}`.trim(),
      status,
      cause,
    );
  }
  const reason =
    status === undefined ? e.message ?? 'no answer' : `HTTP ${status}`;
  return mode === 'write'
    ? new OutcomeUnknownError(
        `GitHub did not confirm ${what} (${reason}); it may have happened`,
        cause,
      )
    : new ServiceUnavailableError(
        `Could not read ${what} from GitHub (${reason})`,
        cause,
      );
}
