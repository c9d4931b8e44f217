import type { PlanReview } from '@rocket-club/plugin-environments-common';
import { classify } from './planSummary';

/** Whether a held apply may be approved, given the review of its plan. */
export type ApprovalGate =
  | { allowed: true; warning?: string }
  | { allowed: false; reason: string };

function named(review: PlanReview) {
  return review.protected
    .map(c => `${c.address} (${classify(c.actions)})`)
    .join(', ');
}

/**
 * The plan-review rules of an approval, the same for a real approval and a
 * dry run, from every surface:
 *
 * - a stale plan is refused (CircleCI may no longer hold the saved plan);
 * - deletes or replaces of protected types are refused under `refuse`, and
 *   under `confirm` unless `confirm` is the environment's name;
 * - a missing or unreadable summary does not block, but is said.
 */
export function approvalGate(
  environment: string,
  review: PlanReview | undefined,
  confirm: string | undefined,
): ApprovalGate {
  if (!review) return { allowed: true };
  if (review.status === 'stale') {
    return {
      allowed: false,
      reason: `${environment}'s held plan is stale: ${review.reason}`,
    };
  }
  if (review.status !== 'ok') {
    return {
      allowed: true,
      warning: `The plan summary could not be read (${
        review.reason ?? review.status
      }): approving without a review of what the apply will change`,
    };
  }
  if (review.protected.length === 0) return { allowed: true };
  if (review.protectedPolicy === 'refuse') {
    return {
      allowed: false,
      reason: `The plan deletes or replaces protected resources: ${named(
        review,
      )}; ${environment} refuses such applies through the portal`,
    };
  }
  if (confirm !== environment) {
    return {
      allowed: false,
      reason: `The plan deletes or replaces protected resources: ${named(
        review,
      )}; to approve, confirm with the environment's name '${environment}'${
        confirm === undefined ? '' : ` (got ${JSON.stringify(confirm)})`
      }`,
    };
  }
  return { allowed: true };
}
