import { LoggerService } from '@backstage/backend-plugin-api';
import {
  InputError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { z } from 'zod';
import { CircleCiSettings } from '../../config';
import { fetchWithRetry } from '../fetchWithRetry';
import { neverSent, OutcomeUnknownError } from '../outcomeUnknown';
import { parseProjectSlug } from './projectSlug';
import {
  artifactSchema,
  CircleCiArtifact,
  CircleCiJob,
  CircleCiPage,
  CircleCiPipeline,
  CircleCiWorkflow,
  jobSchema,
  pageSchema,
  pipelineSchema,
  workflowSchema,
} from './types';

/** Options of {@link CircleCiClient}. */
export interface CircleCiClientOptions {
  baseUrl: string;
  token: string;
  requestTimeoutMs: number;
  maxRetries: number;
  logger?: LoggerService;
  /** First retry backoff; tests shorten it. Default 250 ms. */
  retryBaseDelayMs?: number;
  sleep?: (ms: number) => Promise<unknown>;
}

/** `POST /project/{slug}/pipeline` answers with the created pipeline. */
const triggeredSchema = z.object({
  id: z.string().min(1),
  number: z.number().int(),
  state: z.string(),
  created_at: z.string(),
});

/** `POST /workflow/{id}/approve/{request}` answers with a message. */
const messageSchema = z.object({ message: z.string() });

/** Lists longer than this many pages are cut off (a runaway guard). */
const MAX_PAGES = 50;

/**
 * A client of the CircleCI API v2 (reads). Sends the token as
 * `Circle-Token`, pages with `page-token`, times out and retries each call
 * and checks the bodies it reads. The token is never logged or put in an
 * error.
 */
export class CircleCiClient {
  readonly #options: CircleCiClientOptions;

  static fromSettings(settings: CircleCiSettings, logger?: LoggerService) {
    return new CircleCiClient({ ...settings, logger });
  }

  constructor(options: CircleCiClientOptions) {
    this.#options = {
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
  }

  /** One page of a project's pipelines, newest first. */
  async listPipelines(
    projectSlug: string,
    options: { branch?: string; pageToken?: string } = {},
  ): Promise<CircleCiPage<CircleCiPipeline>> {
    const slug = slugPath(projectSlug);
    const page = await this.#get(
      `/project/${slug}/pipeline`,
      pageSchema(pipelineSchema),
      { branch: options.branch, 'page-token': options.pageToken },
    );
    return {
      items: page.items,
      nextPageToken: page.next_page_token ?? undefined,
    };
  }

  /** One pipeline by id. */
  async getPipeline(pipelineId: string): Promise<CircleCiPipeline> {
    return this.#get(
      `/pipeline/${encodeURIComponent(pipelineId)}`,
      pipelineSchema,
    );
  }

  /** Every workflow of a pipeline. */
  async listWorkflows(pipelineId: string): Promise<CircleCiWorkflow[]> {
    return this.#all(
      `/pipeline/${encodeURIComponent(pipelineId)}/workflow`,
      workflowSchema,
    );
  }

  /** Every job of a workflow (approval jobs carry `approval_request_id`). */
  async listJobs(workflowId: string): Promise<CircleCiJob[]> {
    return this.#all(
      `/workflow/${encodeURIComponent(workflowId)}/job`,
      jobSchema,
    );
  }

  /** Every artifact a job stored (`store_artifacts`). */
  async listJobArtifacts(
    projectSlug: string,
    jobNumber: number,
  ): Promise<CircleCiArtifact[]> {
    return this.#all(
      `/project/${slugPath(projectSlug)}/${encodeURIComponent(
        String(jobNumber),
      )}/artifacts`,
      artifactSchema,
    );
  }

  /**
   * The content of an artifact by its `url` (CircleCI serves artifacts of
   * private projects to the API token), at most `maxBytes` long.
   */
  async downloadArtifact(url: string, maxBytes = 1024 * 1024): Promise<string> {
    const describe = `CircleCI GET artifact ${new URL(url).pathname}`;
    const response = await fetchWithRetry(
      url,
      {
        method: 'GET',
        headers: { 'Circle-Token': this.#options.token },
        redirect: 'follow',
      },
      {
        timeoutMs: this.#options.requestTimeoutMs,
        maxRetries: this.#options.maxRetries,
        baseDelayMs: this.#options.retryBaseDelayMs,
        sleep: this.#options.sleep,
        logger: this.#options.logger,
        describe,
      },
    );
    if (!response.ok) {
      throw await toError(describe, response);
    }
    const length = Number(response.headers.get('content-length') ?? 0);
    const text = length > maxBytes ? '' : await response.text();
    if (length > maxBytes || text.length > maxBytes) {
      throw new InputError(
        `${describe} is larger than ${maxBytes} bytes; not read`,
      );
    }
    return text;
  }

  /**
   * Triggers a pipeline on a branch with parameters (`POST
   * /project/{slug}/pipeline`). Retried only on 429, which CircleCI did not
   * act on: a write is never repeated after a 5xx or a timeout.
   */
  async triggerPipeline(
    projectSlug: string,
    request: { branch: string; parameters: Record<string, unknown> },
  ): Promise<{ id: string; number: number; state: string; createdAt: string }> {
    const created = await this.#send(
      `/project/${slugPath(projectSlug)}/pipeline`,
      triggeredSchema,
      { branch: request.branch, parameters: request.parameters },
    );
    return {
      id: created.id,
      number: created.number,
      state: created.state,
      createdAt: created.created_at,
    };
  }

  /** Approves the held approval job of a workflow. */
  async approveJob(workflowId: string, approvalRequestId: string) {
    await this.#send(
      `/workflow/${encodeURIComponent(workflowId)}/approve/${encodeURIComponent(
        approvalRequestId,
      )}`,
      messageSchema,
      undefined,
    );
  }

  /**
   * A write. Its answer being lost (a timeout, a dropped connection, 5xx, a
   * malformed 2xx) throws {@link OutcomeUnknownError}: CircleCI may have
   * acted, so the caller reconciles instead of repeating it.
   */
  async #send<T extends z.ZodType>(
    path: string,
    schema: T,
    body: unknown,
  ): Promise<z.infer<T>> {
    const describe = `CircleCI POST ${path}`;
    let response: Response;
    try {
      response = await fetchWithRetry(
        `${this.#options.baseUrl}${path}`,
        {
          method: 'POST',
          // The approve endpoint takes no body: send one only when given.
          headers: {
            'Circle-Token': this.#options.token,
            Accept: 'application/json',
            ...(body !== undefined && { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        },
        {
          timeoutMs: this.#options.requestTimeoutMs,
          maxRetries: this.#options.maxRetries,
          baseDelayMs: this.#options.retryBaseDelayMs,
          sleep: this.#options.sleep,
          logger: this.#options.logger,
          retry: 'rate-limit',
          describe,
        },
      );
    } catch (error) {
      if (neverSent(error)) throw error;
      throw new OutcomeUnknownError(
        `${(error as Error).message}; CircleCI may have acted on it`,
        error,
      );
    }
    if (!response.ok) {
      const mapped = await toError(describe, response);
      if (response.status >= 500) {
        throw new OutcomeUnknownError(
          `${mapped.message}; CircleCI may have acted on it`,
          mapped,
        );
      }
      throw mapped;
    }
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      throw new OutcomeUnknownError(
        `${describe} answered with a malformed body: ${z.prettifyError(
          parsed.error,
        )}`,
      );
    }
    return parsed.data;
  }

  async #all<T extends z.ZodType>(path: string, item: T) {
    const items: z.infer<T>[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.#get(path, pageSchema(item), {
        'page-token': token,
      });
      items.push(...body.items);
      token = body.next_page_token ?? undefined;
      if (!token || seen.has(token)) return items;
      seen.add(token);
    }
    this.#options.logger?.warn(
      `CircleCI GET ${path}: stopped after ${MAX_PAGES} pages`,
    );
    return items;
  }

  async #get<T extends z.ZodType>(
    path: string,
    schema: T,
    query: Record<string, string | undefined> = {},
  ): Promise<z.infer<T>> {
    const url = new URL(`${this.#options.baseUrl}${path}`);
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined) url.searchParams.set(key, value);
    }
    const describe = `CircleCI GET ${path}`;
    const response = await fetchWithRetry(
      url.toString(),
      {
        method: 'GET',
        headers: {
          'Circle-Token': this.#options.token,
          Accept: 'application/json',
        },
      },
      {
        timeoutMs: this.#options.requestTimeoutMs,
        maxRetries: this.#options.maxRetries,
        baseDelayMs: this.#options.retryBaseDelayMs,
        sleep: this.#options.sleep,
        logger: this.#options.logger,
        describe,
      },
    );
    if (!response.ok) {
      throw await toError(describe, response);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      throw new ServiceUnavailableError(
        `${describe} answered with a body that is not JSON`,
        error,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new ServiceUnavailableError(
        `${describe} answered with a malformed body: ${z.prettifyError(
          parsed.error,
        )}`,
      );
    }
    return parsed.data;
  }
}

function slugPath(projectSlug: string) {
  return parseProjectSlug(projectSlug)
    .slug.split('/')
    .map(encodeURIComponent)
    .join('/');
}

async function toError(describe: string, response: Response) {
  const cause = await ResponseError.fromResponse(response);
  const detail = cause.body?.error?.message ?? cause.message;
  switch (response.status) {
    case 400:
      return new InputError(`${describe}: ${detail}`, cause);
    case 401:
    case 403:
      return new ServiceUnavailableError(
        `${describe}: CircleCI refused the configured token (HTTP ${response.status})`,
        cause,
      );
    case 404:
      return new NotFoundError(`${describe}: not found`, cause);
    case 429:
      return new ServiceUnavailableError(
        `${describe}: rate limited by CircleCI (retry after ${
          response.headers.get('retry-after') ?? '?'
        } s)`,
        cause,
      );
    default:
      return cause.statusCode >= 500
        ? new ServiceUnavailableError(
            `${describe}: HTTP ${response.status}`,
            cause,
          )
        : cause;
  }
}
