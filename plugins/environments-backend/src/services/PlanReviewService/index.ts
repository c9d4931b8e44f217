export { createPlanReviewService } from './createPlanReviewService';
export type {
  PlanReviewService,
  PlanReviewServiceOptions,
} from './createPlanReviewService';
export { classify, digestPlan, planSummarySchema } from './planSummary';
export type { PlanDigest, PlanSummary, ReviewedChange } from './planSummary';
