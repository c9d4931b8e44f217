export { DriftBadge } from './DriftBadge';
export {
  ApprovalConfirmation,
  approvalReady,
  PlanCounts,
  PlanReviewView,
} from './PlanReviewView';
