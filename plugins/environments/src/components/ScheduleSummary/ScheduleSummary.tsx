import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type {
  EnvironmentDetails,
  ScheduledRun,
} from '@rocket-club/plugin-environments-common';
import { formatAbsolute } from '../../utils/format';
import { TimeAgo } from '../common';
import { KeepAwakeControl } from './KeepAwakeControl';
import { SavingsLine } from './SavingsLine';

function When(props: { label: string; iso?: string }) {
  if (!props.iso) return null;
  return (
    <Typography variant="body2">
      {props.label}: {formatAbsolute(props.iso)} (<TimeAgo iso={props.iso} />)
    </Typography>
  );
}

/** "Scheduled park skipped: deploy #412 awaiting approval". */
export function runSentence(run: ScheduledRun): string {
  const what = `Scheduled ${run.kind}`;
  if (run.outcome === 'triggered') {
    return `${what} triggered${
      run.pipelineNumber ? ` pipeline #${run.pipelineNumber}` : ''
    }`;
  }
  if (run.outcome === 'pending') return `${what} in progress`;
  return `${what} ${run.outcome}${run.reason ? `: ${run.reason}` : ''}`;
}

/**
 * The park/unpark schedule of the environment tab: next occurrences, any
 * keep-awake with its control, what became of the latest occurrences, and
 * what parking saved.
 */
export function ScheduleSummary(props: {
  details: EnvironmentDetails;
  entityRef: string;
  onChanged: () => void;
}) {
  const { schedule, savings } = props.details;
  if (!schedule && !savings) return null;
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      <SavingsLine savings={savings} detailed />
      {schedule && (
        <>
          <When label="Next scheduled park" iso={schedule.nextPark} />
          <When label="Next scheduled unpark" iso={schedule.nextUnpark} />
          <Typography variant="caption" color="textSecondary">
            Schedule in {schedule.timezone}, run as {schedule.actor}.
          </Typography>
          {schedule.actorProblem && (
            <Alert severity="warning">
              Scheduled parks and unparks will not run: {schedule.actorProblem}.
            </Alert>
          )}
          {schedule.keepAwakeUntil && (
            <Typography variant="body2">
              Kept awake until {formatAbsolute(schedule.keepAwakeUntil)}
              {schedule.keepAwakeBy && ` by ${schedule.keepAwakeBy}`}: scheduled
              parks are skipped.
            </Typography>
          )}
          {schedule.recent.length > 0 && (
            <Box component="ul" m={0} pl={3}>
              {schedule.recent.map(run => (
                <li key={`${run.kind}-${run.at}`}>
                  <Typography variant="body2">
                    {runSentence(run)} (<TimeAgo iso={run.at} />)
                  </Typography>
                </li>
              ))}
            </Box>
          )}
          {schedule.nextPark && (
            <KeepAwakeControl
              details={props.details}
              entityRef={props.entityRef}
              onChanged={props.onChanged}
            />
          )}
        </>
      )}
    </Box>
  );
}
