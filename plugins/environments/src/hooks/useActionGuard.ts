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
 * The reason of a control the user may not use. The page says once, in
 * the owner notice, who may; the controls do not each repeat it.
 */
export const NOT_OWNER = 'Only the owners of this environment can do this';

/**
 * Why an action on an environment cannot be used right now, or undefined
 * when it can: the permission (checked against the environment's catalog
 * entity), the environment's lock, then any reason of the caller's own.
 */
export function useActionGuard(options: {
  permission: ResourcePermission<'catalog-entity'>;
  entityRef: string;
  /** What the action does, for "Could not check whether you may <verb> it". */
  verb: string;
  lock?: EnvironmentLock;
  /** A reason of the caller's, e.g. "Already parked". */
  otherReason?: string;
}): string | undefined {
  const { loading, allowed, error } = usePermission({
    permission: options.permission,
    resourceRef: options.entityRef,
  });
  if (loading) return 'Checking your permissions…';
  // Not knowing is not the same as being refused.
  if (error) return `Could not check whether you may ${options.verb} it`;
  if (!allowed) return NOT_OWNER;
  if (options.lock) return lockReason(options.lock);
  return options.otherReason;
}
