import { ReactElement } from 'react';
import { Chip, makeStyles } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import LocalParkingIcon from '@material-ui/icons/LocalParking';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import PauseCircleFilledIcon from '@material-ui/icons/PauseCircleFilled';
import ErrorIcon from '@material-ui/icons/Error';
import HelpIcon from '@material-ui/icons/Help';
import type { EnvironmentState } from '@rocket-club/plugin-environments-common';

type Tone = 'ok' | 'pending' | 'running' | 'warning' | 'error' | 'aborted';

const STATES: Record<
  EnvironmentState,
  { label: string; icon: ReactElement; tone: Tone }
> = {
  active: { label: 'Active', icon: <CheckCircleIcon />, tone: 'ok' },
  parked: { label: 'Parked', icon: <LocalParkingIcon />, tone: 'aborted' },
  parking: { label: 'Parking', icon: <HourglassEmptyIcon />, tone: 'running' },
  unparking: {
    label: 'Unparking',
    icon: <HourglassEmptyIcon />,
    tone: 'running',
  },
  deploying: { label: 'Deploying', icon: <CloudUploadIcon />, tone: 'running' },
  'awaiting-approval': {
    label: 'Awaiting approval',
    icon: <PauseCircleFilledIcon />,
    tone: 'warning',
  },
  failed: { label: 'Failed', icon: <ErrorIcon />, tone: 'error' },
  unknown: { label: 'Unknown', icon: <HelpIcon />, tone: 'pending' },
};

const useStyles = makeStyles(theme => {
  const tone = (color: string) => ({
    borderColor: color,
    '& $icon': { color },
  });
  return {
    root: { fontWeight: theme.typography.fontWeightMedium as number },
    icon: {},
    ok: tone(theme.palette.status.ok),
    pending: tone(theme.palette.status.pending),
    running: tone(theme.palette.status.running),
    warning: tone(theme.palette.status.warning),
    error: tone(theme.palette.status.error),
    aborted: tone(theme.palette.status.aborted),
  };
});

/** The human label of an environment state, e.g. "Awaiting approval". */
export function stateLabel(state: EnvironmentState): string {
  return (STATES[state] ?? STATES.unknown).label;
}

/**
 * An environment's state as a chip with a word and an icon, so colour is
 * never the only signal.
 *
 * @public
 */
export function StateChip(props: {
  state: EnvironmentState;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const info = STATES[props.state] ?? STATES.unknown;
  return (
    <Chip
      variant="outlined"
      size={props.size ?? 'medium'}
      icon={info.icon}
      label={info.label}
      classes={{ root: classes.root, icon: classes.icon }}
      className={classes[info.tone]}
      data-state={props.state}
    />
  );
}
