import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  DeploymentPage,
  EnvironmentDetails,
  EnvironmentImages,
  EnvironmentSummary,
  ImageTags,
  KeepAwakeResult,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import {
  BumpImageRequest,
  DeploymentQuery,
  EnvironmentsApi,
  MutationOptions,
} from './EnvironmentsApi';

/**
 * The {@link EnvironmentsApi} over HTTP, through the app's `fetchApi` (which
 * adds the user's token) and `discoveryApi`.
 *
 * @public
 */
export class EnvironmentsClient implements EnvironmentsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listEnvironments(): Promise<EnvironmentSummary[]> {
    const body = await this.get<{ items: EnvironmentSummary[] }>(
      '/environments',
    );
    return body.items;
  }

  getEnvironment(name: string): Promise<EnvironmentDetails> {
    return this.get(`/environments/${segment(name)}`);
  }

  getDeployments(
    name: string,
    query: DeploymentQuery = {},
  ): Promise<DeploymentPage> {
    const params = new URLSearchParams();
    if (query.kind) params.set('kind', query.kind);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    if (query.cursor) params.set('cursor', query.cursor);
    const search = params.toString();
    return this.get(
      `/environments/${segment(name)}/deployments${search ? `?${search}` : ''}`,
    );
  }

  getImageTags(
    name: string,
    image: string,
    options: { limit?: number } = {},
  ): Promise<ImageTags> {
    const limit = options.limit !== undefined ? `?limit=${options.limit}` : '';
    return this.get(
      `/environments/${segment(name)}/images/${segment(image)}/tags${limit}`,
    );
  }

  getImages(name: string): Promise<EnvironmentImages> {
    return this.get(`/environments/${segment(name)}/images`);
  }

  park(name: string, options: MutationOptions): Promise<OperationResult> {
    return this.post(`/environments/${segment(name)}/park`, {}, options);
  }

  unpark(name: string, options: MutationOptions): Promise<OperationResult> {
    return this.post(`/environments/${segment(name)}/unpark`, {}, options);
  }

  rebuild(name: string, options: MutationOptions): Promise<OperationResult> {
    return this.post(`/environments/${segment(name)}/rebuild`, {}, options);
  }

  checkDrift(name: string, options: MutationOptions): Promise<OperationResult> {
    return this.post(`/environments/${segment(name)}/drift-check`, {}, options);
  }

  approve(
    name: string,
    workflowId: string,
    options: MutationOptions,
    request: { confirm?: string } = {},
  ): Promise<OperationResult> {
    return this.post(
      `/environments/${segment(name)}/approvals/${segment(workflowId)}`,
      request.confirm === undefined ? {} : { confirm: request.confirm },
      options,
    );
  }

  keepAwake(name: string, until: string | null): Promise<KeepAwakeResult> {
    // Setting the same until twice is harmless, so no idempotency key.
    return this.request(`/environments/${segment(name)}/keep-awake`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({ until }),
    });
  }

  bumpImage(
    name: string,
    image: string,
    request: BumpImageRequest,
    options: MutationOptions,
  ): Promise<OperationResult> {
    return this.post(
      `/environments/${segment(name)}/images/${segment(image)}/bump`,
      request,
      options,
    );
  }

  private async get<T>(path: string): Promise<T> {
    return this.request<T>(path, {
      headers: { Accept: 'application/json' },
    });
  }

  private async post<T>(
    path: string,
    body: object,
    options: MutationOptions,
  ): Promise<T> {
    return this.request<T>(path, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'Idempotency-Key': options.idempotencyKey,
      },
      body: JSON.stringify(body),
    });
  }

  private async request<T>(path: string, init: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('environments');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function segment(value: string): string {
  return encodeURIComponent(value);
}
