import type { PlannedChange } from '@rocket-club/plugin-environments-common';
import { z } from 'zod';

/*
 * The value-free plan summary that `terraform-prod-plan` publishes as the
 * artifact `terraform/plan-summary.json`: `terraform show -json` of the
 * saved plan reduced (by the wrapper, with jq) to fields that carry no
 * values. See Terraform's "JSON Output Format" (format_version 1.x).
 */

const action = z.enum([
  'no-op',
  'create',
  'read',
  'update',
  'delete',
  'forget',
]);

const resourceChange = z.object({
  address: z.string().min(1),
  module_address: z.string().optional(),
  mode: z.enum(['managed', 'data']).optional(),
  type: z.string().min(1),
  name: z.string().optional(),
  index: z.union([z.string(), z.number()]).optional(),
  change: z.object({ actions: z.array(action).min(1) }).strict(),
  action_reason: z.string().optional(),
});

/** The summary as published; unknown fields are refused (they may carry values). */
export const planSummarySchema = z
  .object({
    format_version: z.string().regex(/^1\./, 'format_version 1.x'),
    terraform_version: z.string().optional(),
    timestamp: z
      .string()
      .refine(s => !Number.isNaN(Date.parse(s)), 'not a date-time')
      .optional(),
    resource_changes: z.array(resourceChange.strict()).default([]),
    resource_drift: z.array(resourceChange.strict()).default([]),
    output_changes: z
      .record(z.string(), z.object({ actions: z.array(action) }).strict())
      .default({}),
  })
  .strict();

/** A parsed plan summary. */
export type PlanSummary = z.infer<typeof planSummarySchema>;
type ResourceChange = z.infer<typeof resourceChange>;

/** What a change does, with replaces as one action. */
export type ChangeAction = 'create' | 'update' | 'delete' | 'replace';

/** One resource a plan changes, as the review shows it. */
export type ReviewedChange = PlannedChange;

/** What the plan does, counted and grouped for an approver. */
export interface PlanDigest {
  createdAt?: string;
  counts: Record<ChangeAction, number>;
  changes: ReviewedChange[];
  protected: ReviewedChange[];
  drift: ReviewedChange[];
}

/**
 * The single action of a change, or undefined when it changes nothing
 * (`no-op`, data source `read`, `forget` of state only).
 */
export function classify(actions: readonly string[]): ChangeAction | undefined {
  const key = [...actions].sort().join(',');
  if (key === 'create,delete') return 'replace';
  if (actions.length !== 1) return undefined;
  const [only] = actions;
  return only === 'create' || only === 'update' || only === 'delete'
    ? only
    : undefined;
}

const ORDER: ChangeAction[] = ['replace', 'delete', 'update', 'create'];

function reviewed(changes: ResourceChange[]): ReviewedChange[] {
  return changes
    .filter(c => c.mode !== 'data' && classify(c.change.actions))
    .map(c => ({ address: c.address, type: c.type, actions: c.change.actions }))
    .sort(
      (a, b) =>
        ORDER.indexOf(classify(a.actions)!) -
          ORDER.indexOf(classify(b.actions)!) ||
        a.address.localeCompare(b.address),
    );
}

/**
 * Counts and groups a plan for review: replaces and deletes first, and the
 * deletes and replaces of `protect`ed resource types apart.
 */
export function digestPlan(
  summary: PlanSummary,
  protect: readonly string[],
): PlanDigest {
  const changes = reviewed(summary.resource_changes);
  const counts: Record<ChangeAction, number> = {
    create: 0,
    update: 0,
    delete: 0,
    replace: 0,
  };
  for (const c of changes) counts[classify(c.actions)!] += 1;
  return {
    createdAt: summary.timestamp,
    counts,
    changes,
    protected: changes.filter(
      c =>
        protect.includes(c.type) &&
        ['delete', 'replace'].includes(classify(c.actions)!),
    ),
    drift: reviewed(summary.resource_drift),
  };
}
