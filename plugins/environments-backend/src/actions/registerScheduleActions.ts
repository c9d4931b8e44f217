import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotAllowedError } from '@backstage/errors';
import type { EnvironmentsConfig } from '../config';
import type { EnvironmentsService } from '../services/EnvironmentsService';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { findEnvironment } from '../services/EnvironmentsService/resolveEnvironment';
import type { ScheduleService } from '../services/ScheduleService/createScheduleService';

function asUser(
  credentials: BackstageCredentials,
): BackstageCredentials<BackstageUserPrincipal> {
  // Only an owner may keep an environment awake: a person, not a service.
  if ((credentials.principal as { type?: string }).type !== 'user') {
    throw new NotAllowedError('Keep-awake must be called on behalf of a user');
  }
  return credentials as BackstageCredentials<BackstageUserPrincipal>;
}

/**
 * Registers `keep-environment-awake` (owner-only, the same service as
 * `POST /environments/{name}/keep-awake`) and `get-environment`, the state
 * of an environment with its schedule and savings, for MCP clients.
 */
export function registerScheduleActions(
  actions: ActionsRegistryService,
  options: {
    config: EnvironmentsConfig;
    schedule: Pick<ScheduleService, 'keepAwake'>;
    environments: Pick<EnvironmentsService, 'getEnvironment'>;
    catalog: Pick<CatalogService, 'getEntityByRef'>;
  },
) {
  actions.register({
    name: 'keep-environment-awake',
    title: 'Keep an environment awake',
    description:
      'Skips the scheduled parks of an environment until a time at most 7 days ahead; until null ends it and the schedule resumes. Owners only; audited.',
    attributes: { destructive: false, readOnly: false, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            environment: z
              .string()
              .describe('Environment name (e.g. prod) or its entity ref'),
            until: z
              .string()
              .nullable()
              .describe(
                'ISO 8601 time until which scheduled parks are skipped, or null to end keep-awake',
              ),
          })
          .strict(),
      output: z =>
        z.object({
          environment: z.string(),
          keepAwakeUntil: z
            .string()
            .nullable()
            .describe('The keep-awake now in force; null when none'),
        }),
    },
    action: async ({ input, credentials }) => {
      const user = asUser(credentials);
      const definition = await findEnvironment(
        options.config.definitions,
        options.catalog,
        input.environment,
        user,
      );
      return {
        output: await options.schedule.keepAwake(definition, input.until, {
          credentials: user,
        }),
      };
    },
  });

  actions.register({
    name: 'get-environment',
    title: 'Get an environment',
    description:
      'The state of an environment (active, parked, deploying, ...), since when and by whom, any lock or held apply, its park/unpark schedule with keep-awake, and what parking saved.',
    attributes: { destructive: false, readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z
          .object({
            environment: z
              .string()
              .describe('Environment name (e.g. prod) or its entity ref'),
          })
          .strict(),
      output: z =>
        z.object({
          name: z.string(),
          title: z.string(),
          state: z.string(),
          since: z.string().optional(),
          actor: z.string().optional(),
          locked: z.boolean(),
          awaitingApproval: z.boolean(),
          schedule: z
            .object({
              nextPark: z.string().optional(),
              nextUnpark: z.string().optional(),
              timezone: z.string(),
              keepAwakeUntil: z.string().optional(),
            })
            .optional(),
          savings: z
            .object({
              currency: z.string(),
              last30Days: z.number(),
              hoursParked30Days: z.number(),
              projectedMonthly: z.number(),
            })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const d = await options.environments.getEnvironment(input.environment, {
        credentials,
      });
      return {
        output: {
          name: d.name,
          title: d.title,
          state: d.state,
          since: d.since,
          actor: d.actor,
          locked: !!d.lock,
          awaitingApproval: !!d.heldApproval,
          schedule: d.schedule && {
            nextPark: d.schedule.nextPark,
            nextUnpark: d.schedule.nextUnpark,
            timezone: d.schedule.timezone,
            keepAwakeUntil: d.schedule.keepAwakeUntil,
          },
          savings: d.savings,
        },
      };
    },
  });
}
