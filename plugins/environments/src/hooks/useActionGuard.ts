import { usePermission } from '@backstage/plugin-permission-react';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { EnvironmentLock } from '@rocket-club/plugin-environments-common';
import { formatRelative } from '../utils/format';

/** Why an environment is locked, in words. */
export function lockReason(lock: EnvironmentLock): string {
  const since = formatRelative(lock.since);
  if (!lock.pipeline) {
    // The trigger's answer was lost; the backend is looking for its pipeline.
    return `Locked: the outcome of a ${lock.kind} is not known yet${
      since ? ` (requested ${since})` : ''
    }; the portal is looking for its pipeline`;
  }
  return `Locked: ${lock.kind} pipeline #${lock.pipeline.number} is running${
    since ? ` (started ${since})` : ''
  }`;
}

/**
 * Why an action on an environment cannot be used right now, or undefined
 * when it can: the permission (checked against the environment's catalog
 * entity), the environment's lock, then any reason of the caller's own.
 */
export function useActionGuard(options: {
  permission: ResourcePermission<'catalog-entity'>;
  entityRef: string;
  verb: string;
  lock?: EnvironmentLock;
  /** A reason of the caller's, e.g. "Already parked". */
  otherReason?: string;
}): string | undefined {
  const { loading, allowed } = usePermission({
    permission: options.permission,
    resourceRef: options.entityRef,
  });
  if (loading) return 'Checking your permissions…';
  if (!allowed) {
    return `You do not have permission to ${options.verb} this environment`;
  }
  if (options.lock) return lockReason(options.lock);
  return options.otherReason;
}
