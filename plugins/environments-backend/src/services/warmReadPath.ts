import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { EnvironmentDefinition } from '../config';

/** One warm-up request waits this long at most. */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Sends each read route of every environment one request through this
 * instance's own HTTP stack, as this plugin's service identity, once the
 * backend has started. A fresh process otherwise pays its first compiles on
 * the first page view: the OpenAPI validator of each route, the first
 * database statements, the schedule's savings projection and V8's first
 * runs of the handlers (200 ms in all, against 10 ms warm). The images
 * route is sent only when the images view is cached (the background refresh
 * wrote it), so a warm-up never reads ECR or GitHub itself.
 *
 * Best effort: a failure is logged and changes nothing else. Returns the
 * number of requests answered with a success.
 */
export async function warmReadPath(options: {
  definitions: EnvironmentDefinition[];
  discovery: Pick<DiscoveryService, 'getBaseUrl'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials' | 'getPluginRequestToken'>;
  imagesCached: (definition: EnvironmentDefinition) => Promise<boolean>;
  logger: LoggerService;
  fetch?: typeof fetch;
  /** How long to wait for the images view (default two minutes). */
  imagesWaitMs?: number;
  pollMs?: number;
}): Promise<number> {
  const { logger } = options;
  const doFetch = options.fetch ?? fetch;
  const pollMs = options.pollMs ?? 250;
  const started = Date.now();
  let answered = 0;
  let sent = 0;
  try {
    const base = await options.discovery.getBaseUrl('environments');
    const { token } = await options.auth.getPluginRequestToken({
      onBehalfOf: await options.auth.getOwnServiceCredentials(),
      targetPluginId: 'environments',
    });
    // One after the other: the point is to compile, not to load the backend.
    const get = async (path: string) => {
      sent += 1;
      const response = await doFetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      if (response.ok) answered += 1;
      else logger.info(`Warm-up GET ${path} answered ${response.status}`);
    };
    const at = (d: EnvironmentDefinition) =>
      `/environments/${encodeURIComponent(d.name)}`;
    for (const definition of options.definitions) {
      await get(at(definition));
      await get(`${at(definition)}/deployments?limit=20`);
    }
    // The images route once the background refresh has written the view.
    const deadline = Date.now() + (options.imagesWaitMs ?? 120_000);
    for (const definition of options.definitions) {
      if (definition.images.length === 0) continue;
      while (!(await options.imagesCached(definition))) {
        if (Date.now() >= deadline) break;
        await new Promise(r => setTimeout(r, pollMs));
      }
      if (await options.imagesCached(definition)) {
        await get(`${at(definition)}/images`);
      }
    }
    logger.info(
      `Warmed the read path: ${answered} of ${sent} requests in ${
        Date.now() - started
      } ms`,
    );
  } catch (error) {
    logger.info(`Warm-up of the read path stopped: ${error}`);
  }
  return answered;
}
