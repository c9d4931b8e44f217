import {
  Box,
  Chip,
  List,
  ListItem,
  ListItemText,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useId } from 'react';
import type { PlanReview } from '@rocket-club/plugin-environments-common';
import { TimeAgo } from '../common/TimeAgo';
import {
  ACTIONS,
  actionOf,
  approvalNeeds,
  countsText,
  countsWords,
  groupChanges,
} from './planText';

const useStyles = makeStyles(theme => ({
  address: {
    fontFamily: 'monospace',
    overflowWrap: 'anywhere',
    fontSize: theme.typography.body2.fontSize,
  },
  symbol: {
    display: 'inline-block',
    width: '1.5em',
    fontFamily: 'monospace',
    fontWeight: theme.typography.fontWeightBold as number,
  },
  protected: { marginLeft: theme.spacing(1) },
  dense: { paddingTop: 0, paddingBottom: 0 },
}));

/**
 * `+3 ~1 −0 ±1` with the same counts in words for assistive technology and
 * on hover.
 *
 * @public
 */
export function PlanCounts(props: { review: PlanReview }) {
  const words = countsWords(props.review.counts);
  return (
    <span title={words} aria-label={words} data-testid="plan-counts">
      {countsText(props.review.counts)}
    </span>
  );
}

function ChangeList(props: {
  title: string;
  changes: PlanReview['changes'];
  protectedAddresses: Set<string>;
}) {
  const classes = useStyles();
  return (
    <Box mb={1}>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      <List dense disablePadding>
        {props.changes.map(change => {
          const action = actionOf(change);
          return (
            <ListItem
              key={change.address}
              className={classes.dense}
              disableGutters
            >
              <ListItemText
                disableTypography
                primary={
                  <span className={classes.address}>
                    <span
                      className={classes.symbol}
                      aria-label={action && ACTIONS[action].label}
                    >
                      {action ? ACTIONS[action].symbol : ''}
                    </span>
                    {change.address}
                    {props.protectedAddresses.has(change.address) && (
                      <Chip
                        size="small"
                        color="secondary"
                        label="protected"
                        className={classes.protected}
                      />
                    )}
                  </span>
                }
              />
            </ListItem>
          );
        })}
      </List>
    </Box>
  );
}

/**
 * What a held apply will do, from the plan job's value-free summary:
 * counts, the resources grouped by action (replaces and deletes first,
 * protected ones marked), the drift the plan found and the plan's age.
 *
 * @public
 */
export function PlanReviewView(props: { review: PlanReview }) {
  const { review } = props;
  if (review.status === 'missing' || review.status === 'invalid') {
    return (
      <Alert severity="warning" role="status">
        The plan summary could not be read
        {review.reason ? ` (${review.reason})` : ''}: approving without a review
        of what the apply will change. Read the plan in CircleCI.
      </Alert>
    );
  }
  const protectedAddresses = new Set(review.protected.map(c => c.address));
  return (
    <Box>
      {review.status === 'stale' && (
        <Box mb={1}>
          <Alert severity="error">{review.reason}</Alert>
        </Box>
      )}
      <Typography paragraph>
        Plan{' '}
        <b>
          <PlanCounts review={review} />
        </b>
        {review.createdAt && (
          <>
            , made <TimeAgo iso={review.createdAt} />
          </>
        )}
        .
      </Typography>
      {review.protected.length > 0 && (
        <Box mb={1}>
          <Alert severity="error">
            This apply destroys or replaces {review.protected.length} protected
            resource{review.protected.length === 1 ? '' : 's'}:{' '}
            {review.protected.map(c => c.address).join(', ')}.
          </Alert>
        </Box>
      )}
      {review.changes.length === 0 ? (
        <Typography paragraph>No changes to resources.</Typography>
      ) : (
        groupChanges(review.changes).map(group => (
          <ChangeList
            key={group.action}
            title={`${ACTIONS[group.action].plural} (${group.changes.length})`}
            changes={group.changes}
            protectedAddresses={protectedAddresses}
          />
        ))
      )}
      {review.drift.length > 0 && (
        <ChangeList
          title={`Changed outside Terraform (${review.drift.length})`}
          changes={review.drift}
          protectedAddresses={new Set()}
        />
      )}
    </Box>
  );
}

/**
 * The type-the-name field a protected change needs before approval; says
 * why approval is blocked when it cannot be given here.
 *
 * @public
 */
export function ApprovalConfirmation(props: {
  review?: PlanReview;
  environment: string;
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const needs = approvalNeeds(props.review);
  if (needs.kind === 'none') return null;
  if (needs.kind === 'blocked') {
    return (
      <Alert severity="error" role="alert">
        Cannot be approved here: {needs.why}.
      </Alert>
    );
  }
  return (
    <TextField
      id={id}
      label={`Type ${props.environment} to approve destroying protected resources`}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      fullWidth
      margin="dense"
      variant="outlined"
      autoComplete="off"
      inputProps={{ spellCheck: false }}
    />
  );
}

/** Whether approving may be confirmed with what was typed. */
export function approvalReady(
  review: PlanReview | undefined,
  environment: string,
  typed: string,
): boolean {
  const needs = approvalNeeds(review);
  if (needs.kind === 'blocked') return false;
  return needs.kind === 'none' || typed === environment;
}
