import { APIRequestContext, APIResponse, expect } from '@playwright/test';
import type {
  DeploymentPage,
  EnvironmentDetails,
  EnvironmentImages,
  EnvironmentState,
  OperationResult,
} from '@rocket-club/plugin-environments-common';

/** The backend of the running portal. */
export const BACKEND = 'http://localhost:7007';
const API = `${BACKEND}/api/environments`;

/** A guest's Backstage token, as the app gets it after "Enter". */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get(`${BACKEND}/api/auth/guest/refresh`);
  expect(response.ok(), await response.text()).toBe(true);
  const body = await response.json();
  return body.backstageIdentity.token as string;
}

async function json<T>(response: APIResponse, expected?: number): Promise<T> {
  const text = await response.text();
  if (expected !== undefined) {
    expect(response.status(), `${response.url()}: ${text}`).toBe(expected);
  } else {
    expect(response.ok(), `${response.url()}: ${text}`).toBe(true);
  }
  return JSON.parse(text) as T;
}

/**
 * The environments REST API of the running backend, as the guest (a member
 * of `platform-team`, the owner of `prod`).
 */
export class PortalApi {
  constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
    readonly environment = 'prod',
  ) {}

  private get headers() {
    return { authorization: `Bearer ${this.token}` };
  }

  /**
   * A read, tried again when the connection drops (a busy backend may reset
   * a kept-alive socket); reads change nothing, so a retry is safe.
   */
  private async get(url: string): Promise<APIResponse> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.request.get(url, { headers: this.headers });
      } catch (error) {
        const dropped = /ECONNRESET|socket hang up/.test(String(error));
        if (!dropped || attempt === 3) throw error;
      }
    }
  }

  async details(): Promise<EnvironmentDetails> {
    return json(await this.get(`${API}/environments/${this.environment}`));
  }

  async images(): Promise<EnvironmentImages> {
    return json(
      await this.get(`${API}/environments/${this.environment}/images`),
    );
  }

  async deployments(
    query: { kind?: string; limit?: number } = {},
  ): Promise<DeploymentPage> {
    return json(
      await this.request.get(
        `${API}/environments/${this.environment}/deployments`,
        { headers: this.headers, params: { limit: 20, ...query } },
      ),
    );
  }

  /** A mutation: `park`, `unpark`, `rebuild`, an approval or a bump. */
  async post(
    path: string,
    body: object = {},
    expected?: number,
  ): Promise<OperationResult> {
    return json(
      await this.request.post(
        `${API}/environments/${this.environment}/${path}`,
        { headers: this.headers, data: body },
      ),
      expected,
    );
  }

  /** Waits until the backend reports `state` (webhooks make it quick). */
  async waitForState(
    state: EnvironmentState,
    timeout = 60_000,
  ): Promise<EnvironmentDetails> {
    let last: EnvironmentDetails | undefined;
    await expect
      .poll(
        async () => {
          last = await this.details();
          return last.state;
        },
        { timeout, intervals: [500, 1000] },
      )
      .toBe(state);
    return last!;
  }

  /** Waits until nothing is in flight and no lock is held. */
  async waitUntilIdle(timeout = 60_000): Promise<EnvironmentDetails> {
    let last: EnvironmentDetails | undefined;
    await expect
      .poll(
        async () => {
          last = await this.details();
          return {
            inFlight: last.inFlight.map(d => d.workflowName),
            lock: last.lock?.kind ?? null,
          };
        },
        { timeout, intervals: [500, 1000] },
      )
      .toEqual({ inFlight: [], lock: null });
    return last!;
  }

  /**
   * Brings the environment to `active` with nothing in flight, whatever an
   * earlier flow left: approves a held apply, unparks a parked environment.
   */
  async ensureActive(): Promise<EnvironmentDetails> {
    let details = await this.details();
    for (let i = 0; i < 3 && details.state !== 'active'; i++) {
      if (details.heldApproval) {
        // Typing the name, in case an earlier flow left a protected change.
        await this.post(`approvals/${details.heldApproval.workflowId}`, {
          confirm: this.environment,
        });
      } else if (details.state === 'parked' || details.state === 'failed') {
        await this.post('unpark', {}, 201);
      }
      details = await this.waitUntilIdle();
    }
    expect(details.state).toBe('active');
    return this.waitUntilIdle();
  }
}
