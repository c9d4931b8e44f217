export { createPlanReviewService } from './createPlanReviewService';
export type {
  PlanReviewService,
  PlanReviewServiceOptions,
} from './createPlanReviewService';
export { approvalGate } from './approvalGate';
export type { ApprovalGate } from './approvalGate';
export { classify, digestPlan, planSummarySchema } from './planSummary';
export type { PlanDigest, PlanSummary, ReviewedChange } from './planSummary';
