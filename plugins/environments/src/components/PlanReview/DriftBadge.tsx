import { Chip, Tooltip } from '@material-ui/core';
import CheckIcon from '@material-ui/icons/Check';
import WarningIcon from '@material-ui/icons/Warning';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import type { DriftStatus } from '@rocket-club/plugin-environments-common';
import { formatRelative } from '../../utils/format';

/**
 * Whether the infrastructure matches its Terraform, from the newest drift
 * check, as a chip with a word and an icon; the resources on hover.
 *
 * @public
 */
export function DriftBadge(props: { drift?: DriftStatus }) {
  const { drift } = props;
  if (!drift) return null;
  const when = drift.checkedAt
    ? ` (checked ${formatRelative(drift.checkedAt)})`
    : '';
  if (drift.status === 'drifted') {
    const n = drift.resources.length;
    return (
      <Tooltip title={drift.resources.map(r => r.address).join(', ')}>
        <Chip
          size="small"
          variant="outlined"
          icon={<WarningIcon />}
          label={`Drifted: ${n} resource${n === 1 ? '' : 's'}${when}`}
          data-testid="drift-badge"
        />
      </Tooltip>
    );
  }
  if (drift.status === 'none') {
    return (
      <Chip
        size="small"
        variant="outlined"
        icon={<CheckIcon />}
        label={`No drift${when}`}
        data-testid="drift-badge"
      />
    );
  }
  return (
    <Chip
      size="small"
      variant="outlined"
      icon={<HelpOutlineIcon />}
      label={`Drift unknown${drift.reason ? `: ${drift.reason}` : ''}`}
      data-testid="drift-badge"
    />
  );
}
