import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationSeverity } from '@backstage/plugin-notifications-common';
import type { EnvironmentDefinition, NotifySettings } from '../../config';

/** The kinds of notification, each with its own topic and scope. */
export type NotificationKind =
  | 'approval'
  | 'park-result'
  | 'unpark-result'
  | 'scheduled-park'
  | 'schedule-skipped'
  | 'pinned-behind';

/** Which `notify` flag turns each kind on or off. */
const FLAG: Record<NotificationKind, keyof NotifySettings> = {
  approval: 'approvals',
  'park-result': 'parkResults',
  'unpark-result': 'parkResults',
  'scheduled-park': 'scheduledPark',
  'schedule-skipped': 'skipped',
  'pinned-behind': 'pinnedBehindDays',
};

/** What to tell the owners. */
export interface OwnerMessage {
  title: string;
  description: string;
  severity?: NotificationSeverity;
}

/** Tells the owners of an environment's entity what needs them. */
export interface OwnerNotifier {
  notify(
    definition: EnvironmentDefinition,
    kind: NotificationKind,
    message: OwnerMessage,
  ): Promise<void>;
}

/**
 * The owners of an entity, as the catalog relates them (`ownedBy`), or its
 * `spec.owner` (a group unless it names a kind) when there are no relations.
 */
export async function ownersOf(
  catalog: Pick<CatalogService, 'getEntityByRef'>,
  auth: Pick<AuthService, 'getOwnServiceCredentials'>,
  entityRef: string,
): Promise<string[]> {
  const entity = await catalog.getEntityByRef(entityRef, {
    credentials: await auth.getOwnServiceCredentials(),
  });
  if (!entity) return [];
  const related = (entity.relations ?? [])
    .filter(r => r.type === 'ownedBy')
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
  if (related.length > 0) return [...new Set(related)];
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string' || !owner) return [];
  return [
    stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ),
  ];
}

/**
 * Notifications to the owners of the environment's entity (the notifications
 * backend expands a group to its members). Each kind has a stable `topic`
 * and `scope` per environment, so a repeat updates the owners' notification
 * rather than adding another.
 */
export function createOwnerNotifier(options: {
  notifications: NotificationService;
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  logger: LoggerService;
}): OwnerNotifier {
  return {
    async notify(definition, kind, message) {
      if (!definition.notify[FLAG[kind]]) return;
      const owners = await ownersOf(
        options.catalog,
        options.auth,
        definition.entityRef,
      );
      if (owners.length === 0) {
        options.logger.warn(
          `Not notifying about ${definition.name}: ${definition.entityRef} has no owner in the catalog`,
        );
        return;
      }
      const {
        kind: entityKind,
        namespace,
        name,
      } = parseEntityRef(definition.entityRef);
      const key = `environments:${definition.name}:${kind}`;
      // Best effort: a notification that cannot be sent must not stop the
      // schedule or the operation it reports on.
      await options.notifications
        .send({
          recipients: {
            type: 'entity',
            entityRef: owners,
            // The schedule's actor is a member of the owning group, not a
            // person to tell.
            ...(definition.schedule && {
              excludeEntityRef: definition.schedule.actor,
            }),
          },
          payload: {
            title: message.title,
            description: message.description,
            severity: message.severity ?? 'normal',
            link: `/catalog/${namespace}/${entityKind.toLocaleLowerCase(
              'en-US',
            )}/${name}/environment`,
            topic: key,
            scope: key,
          },
        })
        .catch(e =>
          options.logger.warn(
            `Could not notify the owners of ${definition.name} (${kind}): ${e}`,
          ),
        );
    },
  };
}

/** A notifier that tells no one (notifications not installed). */
export const noopOwnerNotifier: OwnerNotifier = { notify: async () => {} };
