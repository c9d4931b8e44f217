import { ReactNode, useId } from 'react';
import { Box, Button, Typography } from '@material-ui/core';

/**
 * A button that, when it cannot be used, is disabled and says why in text
 * next to it (linked with `aria-describedby`), not only in a tooltip.
 */
export function GuardedButton(props: {
  children: ReactNode;
  onClick: () => void;
  /** Why the button is disabled; enabled when undefined. */
  disabledReason?: string;
  startIcon?: ReactNode;
  color?: 'primary' | 'secondary' | 'default';
  variant?: 'contained' | 'outlined' | 'text';
  size?: 'small' | 'medium';
  'aria-label'?: string;
}) {
  const reasonId = useId();
  const disabled = props.disabledReason !== undefined;
  return (
    <Box display="inline-flex" flexDirection="column" alignItems="flex-start">
      <Button
        variant={props.variant ?? 'outlined'}
        color={props.color ?? 'primary'}
        size={props.size ?? 'medium'}
        startIcon={props.startIcon}
        onClick={props.onClick}
        disabled={disabled}
        aria-label={props['aria-label']}
        aria-describedby={disabled ? reasonId : undefined}
      >
        {props.children}
      </Button>
      {disabled && (
        <Typography id={reasonId} variant="caption" color="textSecondary">
          {props.disabledReason}
        </Typography>
      )}
    </Box>
  );
}
