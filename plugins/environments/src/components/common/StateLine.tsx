import { Box, Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import type {
  EnvironmentSummary,
  FailedRun,
  Initiator,
} from '@rocket-club/plugin-environments-common';
import { StateChip } from '../StateChip';
import { TimeAgo } from './TimeAgo';

/** "by ada via portal" or "by ada" (a CircleCI login), from who did it. */
export function byWhom(
  initiatedBy: Initiator | undefined,
  actor: string | undefined,
): string | undefined {
  if (initiatedBy) {
    return `by ${initiatedBy.displayName}${
      initiatedBy.via === 'portal' ? ' via portal' : ''
    }`;
  }
  return actor ? `by ${actor}` : undefined;
}

/**
 * A failed park, unpark or deploy: the failed job linked, and where to
 * rerun it from the failed job in CircleCI.
 */
export function FailureLine(props: { failure: FailedRun; prefix?: string }) {
  const { failure } = props;
  const what =
    failure.kind === 'deploy' ? 'last deploy' : `last ${failure.kind}`;
  return (
    <Typography variant="body2" component="span" data-testid="failure-line">
      {props.prefix ??
        `${what[0].toLocaleUpperCase('en-US')}${what.slice(1)} failed`}
      {failure.job ? (
        <>
          :{' '}
          {failure.job.url ? (
            <Link to={failure.job.url}>{failure.job.name}</Link>
          ) : (
            <code>{failure.job.name}</code>
          )}
        </>
      ) : (
        <>
          : <Link to={failure.url}>{failure.workflowName}</Link>
        </>
      )}{' '}
      (pipeline #{failure.pipeline.number}
      {failure.stoppedAt && (
        <>
          , <TimeAgo iso={failure.stoppedAt} />
        </>
      )}
      ) · <Link to={failure.rerunUrl}>Rerun from failed in CircleCI</Link>
    </Typography>
  );
}

/**
 * The state chip with since when, by whom and the pipeline it comes from:
 * "Parked · since 2 hours ago · by alice · pipeline #140"; the progress of
 * an in-between state ("job 2 of 5: plan"), and a failure beside a state
 * that survived it ("Active · last deploy failed: terraform-apply").
 */
export function StateLine(props: {
  environment: EnvironmentSummary;
  size?: 'small' | 'medium';
}) {
  const { state, since, actor, source, progress, lastFailure } =
    props.environment;
  const who = byWhom(
    props.environment.initiatedBy ?? source?.initiatedBy,
    actor,
  );
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      <StateChip state={state} size={props.size} />
      <Typography variant="body2" color="textSecondary" component="span">
        {since && (
          <>
            since <TimeAgo iso={since} />
          </>
        )}
        {who && <> {who}</>}
        {source?.approvedBy && (
          <>, approved by {source.approvedBy.displayName}</>
        )}
        {source && (
          <>
            {' · '}
            <Link to={source.pipeline.url}>
              {source.workflowName} (pipeline #{source.pipeline.number})
            </Link>
          </>
        )}
        {progress && (
          <span data-testid="progress">
            {' · '}job {Math.min(progress.completed + 1, progress.total)} of{' '}
            {progress.total}
            {progress.currentJob && <>: {progress.currentJob}</>}
          </span>
        )}
      </Typography>
      {lastFailure && state !== 'failed' && (
        <Typography variant="body2" color="error" component="span">
          <FailureLine failure={lastFailure} prefix="Last deploy failed" />
        </Typography>
      )}
    </Box>
  );
}
