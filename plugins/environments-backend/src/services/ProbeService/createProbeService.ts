import { LoggerService } from '@backstage/backend-plugin-api';
import type { EndpointDefinition, EnvironmentDefinition } from '../../config';
import type {
  EnvironmentsStore,
  ProbeSample,
} from '../../database/EnvironmentsStore';
import { EXPECTED_DOWN_STATES } from '../StatusService/deriveEndpoints';
import { deriveState } from '../StatusService/deriveState';
import { loadStatusWorkflows } from '../StatusService/loadStatusWorkflows';

/** Probes the configured endpoints and keeps the samples. */
export interface ProbeService {
  /** Probes every endpoint of every environment once, then prunes old samples. */
  probeAll(signal?: AbortSignal): Promise<ProbeSample[]>;
}

/** Options of {@link createProbeService}. */
export interface ProbeServiceOptions {
  definitions: EnvironmentDefinition[];
  store: EnvironmentsStore;
  logger: LoggerService;
  timeoutMs: number;
  retentionMs: number;
  now?: () => number;
}

/**
 * Creates the {@link ProbeService}. Only URLs from the config are probed:
 * nothing from a request or an entity ever reaches it.
 */
export function createProbeService(options: ProbeServiceOptions): ProbeService {
  const { store, logger, timeoutMs } = options;
  const now = options.now ?? Date.now;

  async function probe(
    environment: string,
    endpoint: EndpointDefinition,
    expectedDown: boolean,
  ): Promise<ProbeSample> {
    const started = performance.now();
    const checkedAt = new Date(now()).toISOString();
    const base = {
      environment,
      endpoint: endpoint.name,
      checkedAt,
      expectedDown,
    };
    try {
      const response = await fetch(endpoint.url, {
        method: 'GET',
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const latencyMs = Math.round(performance.now() - started);
      await response.body?.cancel();
      return {
        ...base,
        ok: response.status < 400,
        httpStatus: response.status,
        latencyMs,
      };
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      return {
        ...base,
        ok: false,
        error: timedOut
          ? `no answer within ${timeoutMs} ms`
          : String((error as Error)?.cause ?? error),
      };
    }
  }

  async function expectsDown(environment: string) {
    const workflows = await loadStatusWorkflows(store, environment);
    return EXPECTED_DOWN_STATES.includes(deriveState(workflows).state);
  }

  async function probeAll(signal?: AbortSignal) {
    const samples: ProbeSample[] = [];
    for (const def of options.definitions) {
      if (def.endpoints.length === 0) continue;
      signal?.throwIfAborted();
      const expectedDown = await expectsDown(def.name);
      const results = await Promise.all(
        def.endpoints.map(e => probe(def.name, e, expectedDown)),
      );
      await store.addProbeSamples(results);
      samples.push(...results);
    }
    const pruned = await store.deleteProbeSamplesBefore(
      new Date(now() - options.retentionMs),
    );
    if (pruned > 0) logger.debug(`Pruned ${pruned} old probe samples`);
    return samples;
  }

  return { probeAll };
}
