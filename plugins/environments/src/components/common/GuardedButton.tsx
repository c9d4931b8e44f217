import { ReactNode, useId } from 'react';
import { Box, Button, Typography } from '@material-ui/core';
import { NOT_OWNER } from '../../hooks/useActionGuard';
import { useOwnerNoticeId } from './OwnerNotice';

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
  const ownerNoticeId = useOwnerNoticeId();
  const disabled = props.disabledReason !== undefined;
  // Not an owner: the page's one owner notice says so, not every button.
  const notOwner = props.disabledReason === NOT_OWNER && !!ownerNoticeId;
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
        style={{ whiteSpace: 'nowrap' }}
        aria-describedby={
          (notOwner && ownerNoticeId) || (disabled ? reasonId : undefined)
        }
        title={notOwner ? props.disabledReason : undefined}
      >
        {props.children}
      </Button>
      {disabled && !notOwner && (
        <Typography id={reasonId} variant="caption" color="textSecondary">
          {props.disabledReason}
        </Typography>
      )}
    </Box>
  );
}
