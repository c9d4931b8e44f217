import { Box, Typography } from '@material-ui/core';
import { Link } from '@backstage/core-components';
import type { EnvironmentSummary } from '@rocket-club/plugin-environments-common';
import { StateChip } from '../StateChip';
import { TimeAgo } from './TimeAgo';

/**
 * The state chip with since when, by whom and the pipeline it comes from:
 * "Parked · since 2 hours ago · by alice · pipeline #140".
 */
export function StateLine(props: {
  environment: EnvironmentSummary;
  size?: 'small' | 'medium';
}) {
  const { state, since, actor, source } = props.environment;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
      <StateChip state={state} size={props.size} />
      <Typography variant="body2" color="textSecondary" component="span">
        {since && (
          <>
            since <TimeAgo iso={since} />
          </>
        )}
        {actor && <> by {actor}</>}
        {source && (
          <>
            {' · '}
            <Link to={source.pipeline.url}>
              {source.workflowName} (pipeline #{source.pipeline.number})
            </Link>
          </>
        )}
      </Typography>
    </Box>
  );
}
