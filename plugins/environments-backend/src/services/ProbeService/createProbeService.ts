import { LoggerService } from '@backstage/backend-plugin-api';
import type { EndpointDefinition, EnvironmentDefinition } from '../../config';
import type {
  EnvironmentsStore,
  ProbeSample,
} from '../../database/EnvironmentsStore';
import type { OperationsStore } from '../../database/OperationsStore';
import { EXPECTED_DOWN_STATES } from '../StatusService/deriveEndpoints';
import { deriveState } from '../StatusService/deriveState';
import { loadStatusWorkflows } from '../StatusService/loadStatusWorkflows';
import type { ChangeNotifier } from '../ChangeNotifier';

/** Probes the configured endpoints and keeps the samples. */
export interface ProbeService {
  /** Probes every endpoint of every environment once, then prunes old samples. */
  probeAll(signal?: AbortSignal): Promise<ProbeSample[]>;
  /**
   * Probes one environment's endpoints now (after its state changed), so
   * "expected down" and "up" follow a park or unpark without waiting for
   * the next scheduled probe. Calls while one runs share it.
   */
  probeEnvironment(environment: string): Promise<ProbeSample[]>;
}

/** Options of {@link createProbeService}. */
export interface ProbeServiceOptions {
  definitions: EnvironmentDefinition[];
  store: EnvironmentsStore;
  /** The environments' locks (a park in flight expects its endpoints down). */
  locks: Pick<OperationsStore, 'getLock'>;
  logger: LoggerService;
  timeoutMs: number;
  retentionMs: number;
  /** Told when an endpoint's health differs from its previous probe. */
  notifier?: ChangeNotifier;
  now?: () => number;
}

/** What of a probe the page shows beyond its time. */
const outcome = (s: ProbeSample) =>
  `${s.ok}:${s.httpStatus ?? ''}:${s.expectedDown}:${s.error ? 'error' : ''}`;

/**
 * Creates the {@link ProbeService}. Only URLs from the config are probed:
 * nothing from a request or an entity ever reaches it.
 */
export function createProbeService(options: ProbeServiceOptions): ProbeService {
  const { store, locks, logger, timeoutMs } = options;
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
    const [workflows, lock] = await Promise.all([
      loadStatusWorkflows(store, environment),
      locks.getLock(environment, new Date(now())),
    ]);
    return EXPECTED_DOWN_STATES.includes(deriveState(workflows, lock).state);
  }

  const last = new Map<string, string>();
  const running = new Map<string, Promise<ProbeSample[]>>();

  async function probeOne(def: EnvironmentDefinition) {
    const expectedDown = await expectsDown(def.name);
    const results = await Promise.all(
      def.endpoints.map(e => probe(def.name, e, expectedDown)),
    );
    await store.addProbeSamples(results);
    let changed = false;
    for (const sample of results) {
      const key = `${def.name}:${sample.endpoint}`;
      if (last.get(key) !== outcome(sample)) changed = true;
      last.set(key, outcome(sample));
    }
    if (changed) options.notifier?.changed(def.name, ['endpoints']);
    return results;
  }

  function probeShared(def: EnvironmentDefinition) {
    let pending = running.get(def.name);
    if (!pending) {
      pending = probeOne(def).finally(() => running.delete(def.name));
      running.set(def.name, pending);
    }
    return pending;
  }

  async function probeEnvironment(environment: string) {
    const def = options.definitions.find(d => d.name === environment);
    if (!def || def.endpoints.length === 0) return [];
    return probeShared(def);
  }

  async function probeAll(signal?: AbortSignal) {
    const samples: ProbeSample[] = [];
    for (const def of options.definitions) {
      if (def.endpoints.length === 0) continue;
      signal?.throwIfAborted();
      samples.push(...(await probeShared(def)));
    }
    const pruned = await store.deleteProbeSamplesBefore(
      new Date(now() - options.retentionMs),
    );
    if (pruned > 0) logger.debug(`Pruned ${pruned} old probe samples`);
    return samples;
  }

  return { probeAll, probeEnvironment };
}
