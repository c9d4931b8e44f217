import { useState } from 'react';
import {
  Box,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Typography,
} from '@material-ui/core';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  environmentParkPermission,
  EnvironmentDetails,
} from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../../api';
import { useActionGuard } from '../../hooks/useActionGuard';
import { formatAbsolute } from '../../utils/format';
import { ConfirmDialog, GuardedButton } from '../common';

const HOUR = 3_600_000;
/** The choices; the backend refuses more than 7 days. */
const CHOICES = [
  { label: '12 hours', ms: 12 * HOUR },
  { label: '1 day', ms: 24 * HOUR },
  { label: '3 days', ms: 72 * HOUR },
  { label: '7 days', ms: 7 * 24 * HOUR },
];

/**
 * "Keep awake…" (skip the scheduled parks for a while) and "End keep-awake".
 * Owner-only: the same permission as Park.
 */
export function KeepAwakeControl(props: {
  details: EnvironmentDetails;
  entityRef: string;
  onChanged: () => void;
}) {
  const { details } = props;
  const api = useApi(environmentsApiRef);
  const alertApi = useApi(alertApiRef);
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState(1);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error>();
  const reason = useActionGuard({
    permission: environmentParkPermission,
    entityRef: props.entityRef,
    verb: 'change the schedule of',
  });
  const kept = details.schedule?.keepAwakeUntil;

  const submit = async (until: string | null) => {
    setRunning(true);
    setError(undefined);
    try {
      const result = await api.keepAwake(details.name, until);
      setOpen(false);
      alertApi.post({
        message: result.keepAwakeUntil
          ? `${details.name} stays awake until ${formatAbsolute(
              result.keepAwakeUntil,
            )}`
          : `${details.name} parks on schedule again`,
        severity: 'success',
        display: 'transient',
      });
      props.onChanged();
    } catch (e) {
      setError(e as Error);
    } finally {
      setRunning(false);
    }
  };

  return (
    <Box display="flex" gridGap={16} flexWrap="wrap" alignItems="flex-start">
      <GuardedButton onClick={() => setOpen(true)} disabledReason={reason}>
        {kept ? 'Keep awake longer…' : 'Keep awake…'}
      </GuardedButton>
      {kept && (
        <GuardedButton onClick={() => submit(null)} disabledReason={reason}>
          End keep-awake
        </GuardedButton>
      )}
      <ConfirmDialog
        open={open}
        title={`Keep ${details.title} (${details.name}) awake?`}
        confirmLabel={`Keep ${details.name} awake`}
        onConfirm={() =>
          submit(new Date(Date.now() + CHOICES[choice].ms).toISOString())
        }
        onClose={() => setOpen(false)}
        running={running}
        error={error}
      >
        <Typography paragraph>
          The scheduled parks of <b>{details.name}</b> are skipped until then;
          the schedule resumes by itself afterwards.
        </Typography>
        <FormControl>
          <InputLabel id="keep-awake-for">Keep awake for</InputLabel>
          <Select
            labelId="keep-awake-for"
            value={choice}
            onChange={e => setChoice(Number(e.target.value))}
          >
            {CHOICES.map((c, i) => (
              <MenuItem key={c.label} value={i}>
                {c.label}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      </ConfirmDialog>
    </Box>
  );
}
