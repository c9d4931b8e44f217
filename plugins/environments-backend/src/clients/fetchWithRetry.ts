import { LoggerService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import { setTimeout as sleepFor } from 'node:timers/promises';

/** How a request is retried. */
export interface RetryOptions {
  /** Timeout of each attempt. */
  timeoutMs: number;
  /** Attempts after the first. */
  maxRetries: number;
  /** First backoff; doubles each retry. Default 250 ms. */
  baseDelayMs?: number;
  /** Longest wait between attempts, `Retry-After` included. Default 30 s. */
  maxDelayMs?: number;
  /**
   * `all`: retry 429, 5xx, network errors and timeouts (safe for reads).
   * `rate-limit`: retry only 429, which the server did not act on (writes).
   */
  retry?: 'all' | 'rate-limit';
  sleep?: (ms: number) => Promise<unknown>;
  logger?: LoggerService;
  /** Names the call in logs and errors, e.g. `CircleCI GET /pipeline/x`. */
  describe: string;
  signal?: AbortSignal;
}

/**
 * Milliseconds to wait according to a `Retry-After` header (seconds or an
 * HTTP date), or undefined when it has none or an unreadable one.
 */
export function retryAfterMs(
  header: string | null,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

/**
 * `fetch` with a per-attempt timeout and bounded retries with exponential
 * backoff (with jitter) that honours `Retry-After`. Returns the last
 * response, whatever its status; throws ServiceUnavailableError when every
 * attempt failed without one (network error or timeout).
 */
export async function fetchWithRetry(
  url: string,
  init: RequestInit,
  options: RetryOptions,
): Promise<Response> {
  const {
    timeoutMs,
    maxRetries,
    baseDelayMs = 250,
    maxDelayMs = 30_000,
    retry = 'all',
    sleep = sleepFor,
    logger,
    describe,
  } = options;

  for (let attempt = 0; ; attempt++) {
    const last = attempt >= maxRetries;
    const backoff = Math.min(maxDelayMs, baseDelayMs * 2 ** attempt);
    const jittered = backoff / 2 + (Math.random() * backoff) / 2;
    let response: Response;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      response = await fetch(url, {
        ...init,
        signal: options.signal
          ? AbortSignal.any([timeout, options.signal])
          : timeout,
      });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const timedOut = (error as Error)?.name === 'TimeoutError';
      const reason = timedOut
        ? `no answer within ${timeoutMs} ms`
        : `${(error as Error)?.message ?? error}`;
      if (last || retry !== 'all') {
        throw new ServiceUnavailableError(
          `${describe} failed after ${attempt + 1} attempt(s): ${reason}`,
          error,
        );
      }
      logger?.warn(`${describe}: ${reason}; retrying`);
      await sleep(jittered);
      continue;
    }

    const rateLimited = response.status === 429;
    const retryable =
      rateLimited || (retry === 'all' && RETRYABLE_STATUS.has(response.status));
    if (!retryable || last) return response;

    const wait = rateLimited
      ? retryAfterMs(response.headers.get('retry-after')) ?? jittered
      : jittered;
    if (wait > maxDelayMs) {
      // Waiting longer would hold the caller too long; let it fail now.
      return response;
    }
    await response.body?.cancel();
    logger?.warn(
      `${describe}: HTTP ${response.status}; retrying in ${Math.round(
        wait,
      )} ms`,
    );
    await sleep(wait);
  }
}
