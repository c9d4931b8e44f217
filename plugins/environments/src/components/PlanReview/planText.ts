import type {
  PlanReview,
  PlannedChange,
} from '@rocket-club/plugin-environments-common';

/** What a change does, with a replace as one action. */
export type ChangeAction = 'replace' | 'delete' | 'update' | 'create';

/** The action of one planned change, or undefined for no-ops and reads. */
export function actionOf(change: PlannedChange): ChangeAction | undefined {
  const a = [...change.actions].sort().join(',');
  if (a === 'create,delete') return 'replace';
  if (a === 'create' || a === 'update' || a === 'delete') return a;
  return undefined;
}

/** Terraform's own plan symbols, and words for screen readers. */
export const ACTIONS: Record<
  ChangeAction,
  { symbol: string; label: string; plural: string }
> = {
  replace: { symbol: '±', label: 'replace', plural: 'Replaced' },
  delete: { symbol: '−', label: 'destroy', plural: 'Destroyed' },
  update: { symbol: '~', label: 'update in place', plural: 'Updated' },
  create: { symbol: '+', label: 'create', plural: 'Created' },
};

/** `+3 ~1 −0 ±1`, as Terraform's plan line would count them. */
export function countsText(counts: PlanReview['counts']): string {
  return `+${counts.create} ~${counts.update} −${counts.delete} ±${counts.replace}`;
}

/** The same counts in words: "3 to create, 1 to update, …". */
export function countsWords(counts: PlanReview['counts']): string {
  return `${counts.create} to create, ${counts.update} to update in place, ${counts.delete} to destroy, ${counts.replace} to replace`;
}

/** Changes grouped by action: replaces and deletes first. */
export function groupChanges(changes: PlannedChange[]) {
  const order: ChangeAction[] = ['replace', 'delete', 'update', 'create'];
  return order
    .map(action => ({
      action,
      changes: changes.filter(c => actionOf(c) === action),
    }))
    .filter(g => g.changes.length > 0);
}

/**
 * What approving needs given the review: nothing, the environment's name
 * typed, or it cannot be approved here (with why).
 */
export function approvalNeeds(
  review: PlanReview | undefined,
): { kind: 'none' } | { kind: 'name' } | { kind: 'blocked'; why: string } {
  if (!review) return { kind: 'none' };
  if (review.status === 'stale') {
    return {
      kind: 'blocked',
      why: review.reason ?? 'The plan is too old to apply; rerun the pipeline',
    };
  }
  if (review.status !== 'ok' || review.protected.length === 0) {
    return { kind: 'none' };
  }
  return review.protectedPolicy === 'refuse'
    ? {
        kind: 'blocked',
        why: 'The plan destroys or replaces protected resources, which this environment never approves through the portal',
      }
    : { kind: 'name' };
}
