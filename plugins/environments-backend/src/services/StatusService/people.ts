import { parseEntityRef } from '@backstage/catalog-model';
import type { Initiator } from '@rocket-club/plugin-environments-common';
import type { WorkflowRun } from '../../database/EnvironmentsStore';
import type { OperationsStore } from '../../database/OperationsStore';

/** Who caused the pipelines and approvals of some runs. */
export interface People {
  /** Who started a run's pipeline: the portal user, else CircleCI's actor. */
  initiatedBy(run: WorkflowRun): Initiator | undefined;
  /** Who approved a run's hold through the portal. */
  approvedBy(run: WorkflowRun): Initiator | undefined;
  /** A portal user, as shown. */
  portalUser(userEntityRef: string): Initiator;
}

/** `user:default/ada` → `ada`: what the page shows for a portal user. */
function portalUser(userEntityRef: string): Initiator {
  let displayName = userEntityRef;
  try {
    displayName = parseEntityRef(userEntityRef).name;
  } catch {
    // not a ref: show it as it is
  }
  return { userEntityRef, displayName, via: 'portal' };
}

/**
 * Loads the Backstage users behind the runs' pipelines and approvals (two
 * indexed queries), so the page credits the person, not the CircleCI token.
 */
export async function loadPeople(
  store: Pick<OperationsStore, 'initiators'>,
  environment: string,
  runs: WorkflowRun[],
): Promise<People> {
  const [pipelines, approvals] = await Promise.all([
    store.initiators(
      environment,
      'pipeline',
      runs.map(r => r.pipelineId),
    ),
    store.initiators(
      environment,
      'approval',
      runs.map(r => r.id),
    ),
  ]);
  return {
    initiatedBy(run) {
      const user = pipelines.get(run.pipelineId);
      if (user) return portalUser(user);
      const actor = run.pipeline.actor;
      return actor ? { displayName: actor, via: 'circleci' } : undefined;
    },
    approvedBy(run) {
      const user = approvals.get(run.id);
      return user ? portalUser(user) : undefined;
    },
    portalUser,
  };
}
