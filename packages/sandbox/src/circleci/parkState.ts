import { CircleCiStore } from './store';

/**
 * Whether the environment is parked: the newest park or unpark workflow
 * that succeeded decides; active when there is none.
 */
export function isParked(
  store: CircleCiStore,
  park: string,
  unpark: string,
): boolean {
  let newest: { name: string; at: number } | undefined;
  for (const pipeline of store.pipelines) {
    for (const workflow of pipeline.workflows) {
      if (workflow.status !== 'success' || workflow.stoppedAt === null)
        continue;
      if (workflow.name !== park && workflow.name !== unpark) continue;
      if (!newest || workflow.stoppedAt >= newest.at)
        newest = { name: workflow.name, at: workflow.stoppedAt };
    }
  }
  return newest?.name === park;
}
