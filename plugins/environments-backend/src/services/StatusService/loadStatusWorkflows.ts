import type {
  EnvironmentsStore,
  WorkflowRun,
} from '../../database/EnvironmentsStore';

/** Newest workflows of each kind read back; enough to skip canceled ones. */
const DEPTH = 10;

/**
 * The workflows the status of an environment is derived from: the newest
 * park/unpark and deploy workflows and every unfinished one. Three indexed
 * queries, however long the history.
 */
export async function loadStatusWorkflows(
  store: Pick<EnvironmentsStore, 'listWorkflows' | 'listUnfinishedWorkflows'>,
  environment: string,
): Promise<WorkflowRun[]> {
  const [lifecycle, deploys, unfinished] = await Promise.all([
    store.listWorkflows(environment, {
      kinds: ['park', 'unpark'],
      limit: DEPTH,
    }),
    store.listWorkflows(environment, { kinds: ['deploy'], limit: DEPTH }),
    store.listUnfinishedWorkflows(environment),
  ]);
  const byId = new Map<string, WorkflowRun>();
  for (const w of [...lifecycle, ...deploys, ...unfinished]) byId.set(w.id, w);
  return [...byId.values()];
}
