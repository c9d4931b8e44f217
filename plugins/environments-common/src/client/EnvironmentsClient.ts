/* eslint-disable new-cap -- openapi-fetch names its methods GET and POST */
import { ResponseError } from '@backstage/errors';
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/openapi';
import type {
  BumpBody,
  DeploymentPage,
  EnvironmentDetails,
  EnvironmentImages,
  EnvironmentSummary,
  ImageTags,
  OperationKind,
  OperationResult,
  PipelineTriggerBody,
} from '../types';
import type { KeepAwakeResult } from '../schedule';

/**
 * How the client finds the backend and sends requests: a frontend passes
 * its `discoveryApi` and `fetchApi` (which adds the user's token), a
 * backend its `discovery` service and a fetch adding the token it acts
 * with.
 *
 * @public
 */
export interface EnvironmentsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi?: { fetch: typeof fetch };
}

/**
 * Options of every call.
 *
 * @public
 */
export interface EnvironmentsCallOptions {
  /** Aborts the call. */
  signal?: AbortSignal;
}

/**
 * Options of every call that changes an environment.
 *
 * @public
 */
export interface EnvironmentsMutationOptions extends EnvironmentsCallOptions {
  /**
   * Sent as the `Idempotency-Key` header. One key per user action, reused
   * when the same action is retried, so the backend runs it at most once.
   */
  idempotencyKey?: string;
  /** Only say what would be done, and whether it would succeed. */
  dryRun?: boolean;
}

/**
 * Query of the deploy history.
 *
 * @public
 */
export interface DeploymentQuery {
  /** Only workflows of this kind. */
  kind?: OperationKind;
  /** Page size; the backend applies its own default and maximum. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** A non-2xx answer becomes a `ResponseError` carrying the backend error. */
const throwOnError: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return undefined;
  },
};

/**
 * openapi-fetch hands its fetch a `Request`; it goes on as a URL and an
 * init. Backstage's fetchApi middlewares build a `new Request(input, init)`
 * to look at it and may then pass the original input on, whose body that
 * has used up: a `TypeError` for every request with a body.
 */
async function asUrlAndInit(request: Request): Promise<[string, RequestInit]> {
  const body = request.body ? await request.text() : undefined;
  return [
    request.url,
    {
      method: request.method,
      headers: request.headers,
      body,
      signal: request.signal,
    },
  ];
}

/** The JSON body of a mutation: `{}`, or with `dryRun` when asked. */
const dryRunBody = (options: EnvironmentsMutationOptions) =>
  options.dryRun === undefined ? {} : { dryRun: options.dryRun };

/**
 * The client of the environments REST API (`/api/environments`), typed from
 * its OpenAPI document by openapi-fetch. Environment names may also be
 * entity refs; path parameters are sent URL-encoded as one segment. A
 * failed call throws a `ResponseError` (`@backstage/errors`).
 *
 * Reads are answered with an `ETag` and
 * `Cache-Control: private, no-cache`; in a browser the HTTP cache
 * revalidates them (`304`) by itself, through the same fetch.
 *
 * @public
 */
export class EnvironmentsClient {
  readonly #discoveryApi: EnvironmentsClientOptions['discoveryApi'];
  readonly #client: ReturnType<typeof createClient<paths>>;

  constructor(options: EnvironmentsClientOptions) {
    this.#discoveryApi = options.discoveryApi;
    const fetchApi = options.fetchApi;
    this.#client = createClient<paths>({
      fetch: async request => {
        const [url, init] = await asUrlAndInit(request);
        return fetchApi ? fetchApi.fetch(url, init) : fetch(url, init);
      },
      headers: { Accept: 'application/json' },
    });
    this.#client.use(throwOnError);
  }

  /** All configured environments the caller may read, with their state. */
  async listEnvironments(
    options: EnvironmentsCallOptions = {},
  ): Promise<EnvironmentSummary[]> {
    const { data } = await this.#client.GET('/environments', {
      ...(await this.#init(options)),
    });
    return data!.items;
  }

  /** The full status of one environment. */
  async getEnvironment(
    name: string,
    options: EnvironmentsCallOptions = {},
  ): Promise<EnvironmentDetails> {
    const { data } = await this.#client.GET('/environments/{name}', {
      ...(await this.#init(options)),
      params: { path: { name } },
    });
    return data!;
  }

  /** One page of an environment's deploy history, newest first. */
  async getDeployments(
    name: string,
    query: DeploymentQuery = {},
    options: EnvironmentsCallOptions = {},
  ): Promise<DeploymentPage> {
    const { data } = await this.#client.GET(
      '/environments/{name}/deployments',
      {
        ...(await this.#init(options)),
        params: { path: { name }, query },
      },
    );
    return data!;
  }

  /** The images an environment pins, against the newest ones in ECR. */
  async getImages(
    name: string,
    options: EnvironmentsCallOptions = {},
  ): Promise<EnvironmentImages> {
    const { data } = await this.#client.GET('/environments/{name}/images', {
      ...(await this.#init(options)),
      params: { path: { name } },
    });
    return data!;
  }

  /** The ECR tags an image may be bumped to, newest first. */
  async getImageTags(
    name: string,
    image: string,
    query: { limit?: number } = {},
    options: EnvironmentsCallOptions = {},
  ): Promise<ImageTags> {
    const { data } = await this.#client.GET(
      '/environments/{name}/images/{image}/tags',
      {
        ...(await this.#init(options)),
        params: { path: { name, image }, query },
      },
    );
    return data!;
  }

  /** Trigger the park pipeline. */
  park(name: string, options: EnvironmentsMutationOptions = {}) {
    return this.#operation('/environments/{name}/park', name, options);
  }

  /** Trigger the unpark pipeline. */
  unpark(name: string, options: EnvironmentsMutationOptions = {}) {
    return this.#operation('/environments/{name}/unpark', name, options);
  }

  /** Trigger the base image refresh pipeline. */
  rebuild(name: string, options: EnvironmentsMutationOptions = {}) {
    return this.#operation('/environments/{name}/rebuild', name, options);
  }

  /** Trigger the read-only drift check (`terraform-drift`). */
  checkDrift(name: string, options: EnvironmentsMutationOptions = {}) {
    return this.#operation('/environments/{name}/drift-check', name, options);
  }

  /**
   * Approve the held apply of a workflow; `confirm` is the environment's
   * name, typed when the plan destroys or replaces a protected resource.
   */
  async approve(
    name: string,
    workflowId: string,
    options: EnvironmentsMutationOptions = {},
    request: { confirm?: string } = {},
  ): Promise<OperationResult> {
    const { data } = await this.#client.POST(
      '/environments/{name}/approvals/{workflowId}',
      {
        ...(await this.#init(options)),
        params: {
          path: { name, workflowId },
          header: this.#idempotency(options),
        },
        body: {
          ...dryRunBody(options),
          ...(request.confirm !== undefined && { confirm: request.confirm }),
        },
      },
    );
    return data!;
  }

  /**
   * Skip the scheduled parks until `until` (ISO time, at most 7 days
   * ahead); `null` ends keep-awake.
   */
  async keepAwake(
    name: string,
    until: string | null,
    options: EnvironmentsCallOptions = {},
  ): Promise<KeepAwakeResult> {
    // Setting the same until twice is harmless, so no idempotency key.
    const { data } = await this.#client.POST(
      '/environments/{name}/keep-awake',
      {
        ...(await this.#init(options)),
        params: { path: { name } },
        body: { until },
      },
    );
    return data!;
  }

  /** Open (or preview, with `dryRun`) the pull request that pins an image. */
  async bumpImage(
    name: string,
    image: string,
    request: BumpBody,
    options: EnvironmentsMutationOptions = {},
  ): Promise<OperationResult> {
    const { data } = await this.#client.POST(
      '/environments/{name}/images/{image}/bump',
      {
        ...(await this.#init(options)),
        params: { path: { name, image }, header: this.#idempotency(options) },
        body: request,
      },
    );
    return data!;
  }

  /**
   * Trigger any pipeline of an environment's CircleCI project, with
   * parameters the backend checks against `.circleci/config.yml`.
   */
  async triggerPipeline(
    request: PipelineTriggerBody,
    options: EnvironmentsMutationOptions = {},
  ): Promise<OperationResult> {
    const { data } = await this.#client.POST('/pipelines', {
      ...(await this.#init(options)),
      params: { header: this.#idempotency(options) },
      body: request,
    });
    return data!;
  }

  async #operation(
    path:
      | '/environments/{name}/park'
      | '/environments/{name}/unpark'
      | '/environments/{name}/rebuild'
      | '/environments/{name}/drift-check',
    name: string,
    options: EnvironmentsMutationOptions,
  ): Promise<OperationResult> {
    const { data } = await this.#client.POST(path, {
      ...(await this.#init(options)),
      params: { path: { name }, header: this.#idempotency(options) },
      body: dryRunBody(options),
    });
    return data!;
  }

  async #init(options: EnvironmentsCallOptions) {
    return {
      baseUrl: await this.#discoveryApi.getBaseUrl('environments'),
      signal: options.signal,
    };
  }

  #idempotency(options: EnvironmentsMutationOptions) {
    return options.idempotencyKey === undefined
      ? undefined
      : { 'Idempotency-Key': options.idempotencyKey };
  }
}
