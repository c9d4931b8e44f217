import type { LoggerService } from '@backstage/backend-plugin-api';
import type { EventsService } from '@backstage/plugin-events-node';
import { z } from 'zod';
import { parseProjectSlug } from '../clients/circleci/projectSlug';
import type { EnvironmentDefinition } from '../config';
import type { OperationsStore } from '../database/OperationsStore';
import type { IngestionService } from '../services/IngestionService/types';
import { CIRCLECI_WEBHOOK_TOPIC } from '@rocket-club/plugin-environments-common';

/** The parts of a CircleCI webhook the plugin reads. */
const deliverySchema = z.object({
  id: z.string().min(1).max(64),
  type: z.string(),
  pipeline: z.object({ id: z.string().min(1) }),
  project: z.object({ slug: z.string() }),
  workflow: z
    .object({ id: z.string(), name: z.string().optional(), status: z.string() })
    .optional(),
  job: z.object({ name: z.string().optional() }).optional(),
});

/** A job that pushes an image: `build-prefect-deployer-image` and the like. */
const IMAGE_BUILD_JOB = /^build-.*image$/;

/**
 * Handles verified CircleCI webhooks (published by the events module after
 * the signature check): each delivery once, by event id, recorded only
 * once its refresh succeeded (a failed one throws, so the events service
 * logs it, and is handled again when redelivered); a completed
 * workflow or job refreshes its pipeline at once, and a pipeline that has
 * finished releases the lock it held.
 */
export async function subscribeToCircleCiWebhooks(options: {
  events: EventsService;
  definitions: EnvironmentDefinition[];
  store: Pick<OperationsStore, 'recordDelivery' | 'hasDelivery'>;
  ingestion: Pick<IngestionService, 'refreshPipeline'>;
  pipelineFinished(environment: string, pipelineId: string): Promise<void>;
  refreshImages?(environment: string): Promise<void>;
  /** Called once an environment's data may have changed. */
  changed?(environment: string): void;
  logger: LoggerService;
  now?: () => Date;
}) {
  const { logger } = options;
  const now = options.now ?? (() => new Date());
  // Deliveries being handled here; a duplicate meanwhile is skipped (the
  // refresh is idempotent, so one in another instance does no harm).
  const inFlight = new Set<string>();

  async function handle(payload: unknown) {
    const parsed = deliverySchema.safeParse(payload);
    if (!parsed.success) {
      logger.warn(`Ignored a CircleCI webhook of an unexpected shape`);
      return;
    }
    const delivery = parsed.data;
    if (!['workflow-completed', 'job-completed'].includes(delivery.type)) {
      return;
    }
    let slug: string;
    try {
      slug = parseProjectSlug(delivery.project.slug).slug;
    } catch {
      logger.warn(
        `Ignored a CircleCI webhook for project ${JSON.stringify(
          delivery.project.slug,
        )}`,
      );
      return;
    }
    const environments = options.definitions.filter(
      d => d.circleci.project.slug === slug,
    );
    if (environments.length === 0) return;
    if (inFlight.has(delivery.id)) return;
    inFlight.add(delivery.id);
    try {
      if (await options.store.hasDelivery(delivery.id)) {
        logger.debug(`Ignored redelivery ${delivery.id} of a CircleCI webhook`);
        return;
      }
      await refresh(delivery, environments);
    } finally {
      inFlight.delete(delivery.id);
    }
  }

  async function refresh(
    delivery: z.infer<typeof deliverySchema>,
    environments: EnvironmentDefinition[],
  ) {
    // Handled means refreshed: a delivery whose refresh failed is not
    // recorded, so a redelivery, or the next scheduled sync, catches up.
    for (const d of environments) {
      const refreshed = await options.ingestion.refreshPipeline(
        d.name,
        delivery.pipeline.id,
      );
      // Finished, not terminal: a pipeline settles for minutes before it is
      // terminal, and the environment must not stay locked that long.
      if (refreshed.saved && refreshed.finished) {
        await options.pipelineFinished(d.name, delivery.pipeline.id);
      }
      options.changed?.(d.name);
      const workflow = delivery.workflow?.name;
      const inImageWorkflow =
        !!workflow &&
        (workflow === d.workflows.rebuild || workflow === d.workflows.deploy);
      // An image build pushes its image as soon as its job finishes, while
      // its deploy workflow may wait for approval for hours.
      const imageBuilt =
        delivery.type === 'job-completed' &&
        IMAGE_BUILD_JOB.test(delivery.job?.name ?? '');
      if (
        refreshed.saved &&
        ((delivery.type === 'workflow-completed' && inImageWorkflow) ||
          imageBuilt)
      ) {
        try {
          await options.refreshImages?.(d.name);
        } catch (error) {
          // The scheduled refresh catches up; the delivery is recorded.
          logger.warn(
            `Image refresh of ${d.name} after workflow ${workflow} failed: ${
              (error as Error).message
            }`,
          );
        }
      }
    }
    await options.store.recordDelivery(delivery.id, delivery.type, now());
  }

  await options.events.subscribe({
    id: 'environments-circleci-webhooks',
    topics: [CIRCLECI_WEBHOOK_TOPIC],
    onEvent: async event => handle(event.eventPayload),
  });
  return { handle };
}
