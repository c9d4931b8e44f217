import type {
  EndpointHealth,
  EnvironmentState,
} from '@rocket-club/plugin-environments-common';
import type { EndpointDefinition } from '../../config';
import type { EndpointStats } from '../../database/EnvironmentsStore';

/** States in which the endpoints are expected to be down. */
export const EXPECTED_DOWN_STATES: EnvironmentState[] = [
  'parked',
  'parking',
  'unparking',
];

/**
 * The health of each configured endpoint from its probe samples: up or
 * down by the latest probe, "expected-down" when it fails while the
 * environment is parked (or parking, or unparking), and uptime over the
 * window not counting failures while parked.
 */
export function deriveEndpoints(
  endpoints: EndpointDefinition[],
  stats: EndpointStats[],
  state: EnvironmentState,
): EndpointHealth[] {
  return endpoints.map(endpoint => {
    const s = stats.find(x => x.endpoint === endpoint.name);
    const latest = s?.latest;
    const counted = (s?.total ?? 0) - (s?.expectedDownFailures ?? 0);
    let status: EndpointHealth['status'] = 'unknown';
    if (latest?.ok) status = 'up';
    else if (latest) {
      status = EXPECTED_DOWN_STATES.includes(state) ? 'expected-down' : 'down';
    }
    return {
      name: endpoint.name,
      url: endpoint.url,
      status,
      httpStatus: latest?.httpStatus,
      latencyMs: latest?.latencyMs,
      checkedAt: latest?.checkedAt,
      uptime24h: counted > 0 ? (s?.ok ?? 0) / counted : undefined,
      samples24h: s?.total ?? 0,
      error: latest?.ok ? undefined : latest?.error,
    };
  });
}
