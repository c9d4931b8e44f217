export { DriftBadge } from './DriftBadge';
export { DriftLine } from './DriftLine';
export {
  ApprovalConfirmation,
  approvalReady,
  PlanCounts,
  PlanReviewView,
} from './PlanReviewView';
