import { useCallback, useState } from 'react';
import { Box, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  environmentApprovePermission,
  EnvironmentDetails,
  HeldApproval,
} from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useActionGuard } from '../../hooks/useActionGuard';
import { useConfirmedOperation } from '../../hooks/useConfirmedOperation';
import { shortSha } from '../../utils/format';
import { ConfirmDialog, GuardedButton, TimeAgo } from '../common';
import {
  ApprovalConfirmation,
  approvalReady,
  PlanCounts,
  PlanReviewView,
} from '../PlanReview';

/** "bob pushed 142abcd (Change 142)", with the commit linked. */
function WhoPushedWhat(props: { held: HeldApproval }) {
  const { actor, commit, initiatedBy } = props.held;
  return (
    <>
      {initiatedBy?.displayName ?? actor ?? 'Someone'}
      {initiatedBy?.via === 'portal' && ' (via portal)'} pushed{' '}
      {commit ? (
        <>
          {commit.url ? (
            <Link to={commit.url}>{shortSha(commit.sha)}</Link>
          ) : (
            <code>{shortSha(commit.sha)}</code>
          )}
          {commit.subject && <> “{commit.subject}”</>}
        </>
      ) : (
        'a change'
      )}
    </>
  );
}

/**
 * The Terraform apply held for approval: who pushed which commit, since
 * when, what its plan changes, and an Approve button with a dialog that
 * reviews the plan (and asks for the environment's name when the plan
 * destroys or replaces a protected resource).
 */
export function HeldApprovalNotice(props: {
  details: EnvironmentDetails;
  held: HeldApproval;
  entityRef: string;
  onChanged: () => void;
}) {
  const { details, held } = props;
  const api = useApi(environmentsApiRef);
  // The held workflow itself holds the lock; only another one blocks approval.
  const lock =
    details.lock?.workflowId === held.workflowId ? undefined : details.lock;
  const reason = useActionGuard({
    permission: environmentApprovePermission,
    entityRef: props.entityRef,
    verb: 'approve applies of',
    lock,
  });
  const [typed, setTyped] = useState('');
  const perform = useCallback(
    (idempotencyKey: string) =>
      api.approve(
        details.name,
        held.workflowId,
        { idempotencyKey },
        typed ? { confirm: typed } : {},
      ),
    [api, details.name, held.workflowId, typed],
  );
  const op = useConfirmedOperation(perform, props.onChanged);
  const plan = held.plan;

  return (
    <Alert
      severity="warning"
      action={
        <GuardedButton
          onClick={op.show}
          disabledReason={reason}
          variant="contained"
        >
          Approve
        </GuardedButton>
      }
    >
      <AlertTitle>Apply waiting for approval</AlertTitle>
      <Typography variant="body2">
        <WhoPushedWhat held={held} />. The <code>{held.jobName}</code> job of{' '}
        <Link to={held.pipeline.url}>pipeline #{held.pipeline.number}</Link> has
        been waiting since <TimeAgo iso={held.waitingSince} />.
        {plan?.status === 'ok' || plan?.status === 'stale' ? (
          <>
            {' '}
            Plan{' '}
            <b>
              <PlanCounts review={plan} />
            </b>
            {plan.protected.length > 0 &&
              ` · destroys or replaces ${
                plan.protected.length
              } protected resource${plan.protected.length === 1 ? '' : 's'}`}
            {plan.status === 'stale' && ' · stale'}.
          </>
        ) : (
          plan && ' The plan summary could not be read.'
        )}
      </Typography>
      <ConfirmDialog
        open={op.open}
        title={`Approve the apply to ${details.title} (${details.name})?`}
        confirmLabel="Approve apply"
        onConfirm={op.confirm}
        onClose={() => {
          setTyped('');
          op.close();
        }}
        running={op.action.running}
        error={op.action.error}
        confirmDisabled={!approvalReady(plan, details.name, typed)}
      >
        <Box mb={2}>
          <Typography paragraph>
            <WhoPushedWhat held={held} />. Approving lets{' '}
            <b>{held.workflowName}</b> apply the Terraform plan of pipeline #
            {held.pipeline.number} to <b>{details.name}</b>.
          </Typography>
          {plan ? (
            <PlanReviewView review={plan} />
          ) : (
            <Typography paragraph>
              Review the plan in <Link to={held.pipeline.url}>CircleCI</Link>{' '}
              first.
            </Typography>
          )}
          <ApprovalConfirmation
            review={plan}
            environment={details.name}
            value={typed}
            onChange={setTyped}
          />
        </Box>
      </ConfirmDialog>
    </Alert>
  );
}
