import { ReactElement } from 'react';
import { Chip, makeStyles } from '@material-ui/core';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import LocalParkingIcon from '@material-ui/icons/LocalParking';
import HelpIcon from '@material-ui/icons/Help';
import type { EndpointHealth } from '@rocket-club/plugin-environments-common';

type Status = EndpointHealth['status'];

const STATUSES: Record<
  Status,
  {
    label: string;
    icon: ReactElement;
    tone: 'ok' | 'error' | 'aborted' | 'pending';
  }
> = {
  up: { label: 'Up', icon: <ArrowUpwardIcon />, tone: 'ok' },
  down: { label: 'Down', icon: <ArrowDownwardIcon />, tone: 'error' },
  'expected-down': {
    label: 'Expected down',
    icon: <LocalParkingIcon />,
    tone: 'aborted',
  },
  unknown: { label: 'Unknown', icon: <HelpIcon />, tone: 'pending' },
};

const useStyles = makeStyles(theme => {
  const tone = (color: string) => ({
    borderColor: color,
    '& $icon': { color },
  });
  return {
    icon: {},
    ok: tone(theme.palette.status.ok),
    error: tone(theme.palette.status.error),
    aborted: tone(theme.palette.status.aborted),
    pending: tone(theme.palette.status.pending),
  };
});

/** An endpoint's health as a chip with a word and an icon. */
export function EndpointStatusChip(props: { status: Status }) {
  const classes = useStyles();
  const info = STATUSES[props.status] ?? STATUSES.unknown;
  return (
    <Chip
      variant="outlined"
      size="small"
      icon={info.icon}
      label={info.label}
      classes={{ icon: classes.icon }}
      className={classes[info.tone]}
    />
  );
}
