import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import { useState } from 'react';
import type {
  DriftStatus,
  PlanReview,
} from '@rocket-club/plugin-environments-common';
import { DriftBadge } from './DriftBadge';
import {
  ApprovalConfirmation,
  approvalReady,
  PlanReviewView,
} from './PlanReviewView';

const aurora = {
  address: 'module.aurora.aws_rds_cluster.this',
  type: 'aws_rds_cluster',
  actions: ['delete', 'create'] as PlanReview['changes'][number]['actions'],
};
const review = (over: Partial<PlanReview> = {}): PlanReview => ({
  status: 'ok',
  createdAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
  counts: { create: 3, update: 1, delete: 0, replace: 1 },
  changes: [
    aurora,
    {
      address: 'module.ecs.aws_ecs_service.portal',
      type: 'aws_ecs_service',
      actions: ['update'],
    },
    {
      address: 'aws_cloudwatch_log_group.a',
      type: 'aws_cloudwatch_log_group',
      actions: ['create'],
    },
    {
      address: 'aws_cloudwatch_log_group.b',
      type: 'aws_cloudwatch_log_group',
      actions: ['create'],
    },
    {
      address: 'aws_cloudwatch_log_group.c',
      type: 'aws_cloudwatch_log_group',
      actions: ['create'],
    },
  ],
  protected: [aurora],
  drift: [
    {
      address: 'module.ecs.aws_ecs_service.prefect',
      type: 'aws_ecs_service',
      actions: ['update'],
    },
  ],
  protectedPolicy: 'confirm',
  ...over,
});

describe('PlanReviewView', () => {
  it('counts like Terraform, groups replaces first, marks protected resources and shows drift and age', async () => {
    await renderInTestApp(<PlanReviewView review={review()} />);
    expect(screen.getByTestId('plan-counts')).toHaveTextContent('+3 ~1 −0 ±1');
    expect(screen.getByTestId('plan-counts')).toHaveAccessibleName(
      '3 to create, 1 to update in place, 0 to destroy, 1 to replace',
    );
    const headings = screen
      .getAllByRole('heading', { level: 4 })
      .map(h => h.textContent);
    expect(headings).toEqual([
      'Replaced (1)',
      'Updated (1)',
      'Created (3)',
      'Changed outside Terraform (1)',
    ]);
    expect(screen.getByText('protected')).toBeInTheDocument();
    expect(
      screen.getByText(
        /destroys or replaces 1 protected resource: module\.aurora/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('2 hours ago')).toBeInTheDocument();
  });

  it('says when the summary could not be read', async () => {
    await renderInTestApp(
      <PlanReviewView
        review={review({
          status: 'missing',
          reason: 'no summary',
          changes: [],
          protected: [],
        })}
      />,
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'The plan summary could not be read (no summary): approving without a review',
    );
  });
});

function Confirmation(props: { review: PlanReview }) {
  const [typed, setTyped] = useState('');
  return (
    <>
      <ApprovalConfirmation
        review={props.review}
        environment="prod"
        value={typed}
        onChange={setTyped}
      />
      <button disabled={!approvalReady(props.review, 'prod', typed)}>
        Approve apply
      </button>
    </>
  );
}

describe('ApprovalConfirmation', () => {
  it('needs the environment name typed for a protected change', async () => {
    await renderInTestApp(<Confirmation review={review()} />);
    const approve = screen.getByRole('button', { name: 'Approve apply' });
    expect(approve).toBeDisabled();
    await userEvent.type(screen.getByLabelText(/Type prod to approve/), 'pro');
    expect(approve).toBeDisabled();
    await userEvent.type(screen.getByLabelText(/Type prod to approve/), 'd');
    expect(approve).toBeEnabled();
  });

  it('blocks a stale plan and a refused protected change, and lets a plain plan through', async () => {
    expect(
      approvalReady(
        review({ status: 'stale', reason: 'too old' }),
        'prod',
        'prod',
      ),
    ).toBe(false);
    expect(
      approvalReady(review({ protectedPolicy: 'refuse' }), 'prod', 'prod'),
    ).toBe(false);
    expect(approvalReady(review({ protected: [] }), 'prod', '')).toBe(true);
    expect(approvalReady(undefined, 'prod', '')).toBe(true);
    await renderInTestApp(
      <Confirmation
        review={review({
          status: 'stale',
          reason: 'the plan was made 20 days ago',
        })}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Cannot be approved here: the plan was made 20 days ago.',
    );
  });
});

describe('DriftBadge', () => {
  const drift = (over: Partial<DriftStatus>): DriftStatus => ({
    status: 'drifted',
    checkedAt: new Date(Date.now() - 3600_000).toISOString(),
    resources: [aurora],
    ...over,
  });
  it.each([
    ['Drifted: 1 resource (checked 1 hour ago)', drift({})],
    ['No drift (checked 1 hour ago)', drift({ status: 'none', resources: [] })],
    [
      'Drift unknown: never checked',
      drift({
        status: 'unknown',
        resources: [],
        checkedAt: undefined,
        reason: 'never checked',
      }),
    ],
  ])('says %s', async (text, value) => {
    await renderInTestApp(<DriftBadge drift={value} />);
    expect(screen.getByTestId('drift-badge')).toHaveTextContent(text);
  });
});
