import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError, ServiceUnavailableError } from '@backstage/errors';
import type {
  DeploymentPage,
  EnvironmentImages,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import { fromResponseError, oneLine } from './errors';

/** The operations that trigger an environment's own pipeline. */
export type PipelineOperation = 'park' | 'unpark' | 'rebuild';

/** A pipeline parameter value, as CircleCI accepts them. */
export type PipelineParameterValue = string | number | boolean;

/** Per-call options: whose behalf to act on, and how to dedupe. */
export interface RequestOptions {
  /** The template initiator's credentials; the backend sees this user. */
  credentials: BackstageCredentials;
  /** Sent as `Idempotency-Key`: the backend returns the first result for it. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** Body of `POST /pipelines`. */
export interface PipelineTriggerRequest {
  environment: string;
  branch?: string;
  parameters: Record<string, PipelineParameterValue>;
  dryRun?: true;
}

/**
 * A thin client of the environments backend REST API, calling it on behalf
 * of a user. Environment names may also be entity refs; they are sent
 * URL-encoded as one path segment.
 */
export class EnvironmentsClient {
  readonly #auth: AuthService;
  readonly #discovery: DiscoveryService;

  constructor(options: { auth: AuthService; discovery: DiscoveryService }) {
    this.#auth = options.auth;
    this.#discovery = options.discovery;
  }

  /** `GET /environments/:name/images` */
  getImages(environment: string, options: RequestOptions) {
    return this.#request<EnvironmentImages>(options, {
      method: 'GET',
      path: `/environments/${segment(environment)}/images`,
      what: `read the images of '${environment}'`,
    });
  }

  /** `GET /environments/:name/deployments?limit=` */
  listDeployments(
    environment: string,
    query: { limit: number },
    options: RequestOptions,
  ) {
    return this.#request<DeploymentPage>(options, {
      method: 'GET',
      path: `/environments/${segment(environment)}/deployments?limit=${
        query.limit
      }`,
      what: `read the deploy history of '${environment}'`,
    });
  }

  /** `POST /environments/:name/images/:image/bump` */
  bumpImage(
    environment: string,
    image: string,
    body: { tag?: string; dryRun?: true },
    options: RequestOptions,
  ) {
    return this.#request<OperationResult>(options, {
      method: 'POST',
      path: `/environments/${segment(environment)}/images/${segment(
        image,
      )}/bump`,
      body,
      what: `bump image '${image}' of '${environment}'`,
    });
  }

  /** `POST /environments/:name/park`, `/unpark` or `/rebuild` */
  runPipelineOperation(
    environment: string,
    operation: PipelineOperation,
    body: { dryRun?: true },
    options: RequestOptions,
  ) {
    return this.#request<OperationResult>(options, {
      method: 'POST',
      path: `/environments/${segment(environment)}/${operation}`,
      body,
      what: `${operation} '${environment}'`,
    });
  }

  /** `POST /pipelines` */
  triggerPipeline(body: PipelineTriggerRequest, options: RequestOptions) {
    return this.#request<OperationResult>(options, {
      method: 'POST',
      path: '/pipelines',
      body,
      what: `trigger a pipeline for '${body.environment}'`,
    });
  }

  async #request<T>(
    options: RequestOptions,
    call: { method: 'GET' | 'POST'; path: string; body?: object; what: string },
  ): Promise<T> {
    const baseUrl = await this.#discovery.getBaseUrl('environments');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: options.credentials,
      targetPluginId: 'environments',
    });
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
    };
    if (call.body) {
      headers['Content-Type'] = 'application/json';
    }
    if (options.idempotencyKey) {
      headers['Idempotency-Key'] = options.idempotencyKey;
    }

    let response: Response;
    try {
      response = await fetch(`${baseUrl}${call.path}`, {
        method: call.method,
        headers,
        body: call.body ? JSON.stringify(call.body) : undefined,
        signal: options.signal,
      });
    } catch (error) {
      if (options.signal?.aborted) {
        throw error;
      }
      throw oneLine(
        new ServiceUnavailableError(
          `Could not ${
            call.what
          }: the environments backend at '${baseUrl}' is unreachable (${
            (error as Error).message
          })`,
        ),
      );
    }
    if (!response.ok) {
      throw fromResponseError(
        await ResponseError.fromResponse(response),
        call.what,
      );
    }
    return (await response.json()) as T;
  }
}

function segment(value: string): string {
  return encodeURIComponent(value);
}
