import { Typography } from '@material-ui/core';
import type { EnvironmentSavings } from '@rocket-club/plugin-environments-common';
import { formatMoney, savingsSentence } from './formatMoney';

/**
 * "Parking saved £412 in the last 30 days (330 hours parked; about £450 a
 * month)", when the environment's costs are configured.
 */
export function SavingsLine(props: {
  savings?: EnvironmentSavings;
  detailed?: boolean;
}) {
  const { savings } = props;
  if (!savings) return null;
  return (
    <Typography variant="body2">
      {savingsSentence(savings)}
      {props.detailed &&
        ` (${savings.hoursParked30Days} hours parked; about ${formatMoney(
          savings.projectedMonthly,
          savings.currency,
        )} a month)`}
      .
    </Typography>
  );
}
