export { ConfirmDialog } from './ConfirmDialog';
export { GuardedButton } from './GuardedButton';
export { PanelError } from './PanelError';
export { StateLine } from './StateLine';
export { TimeAgo } from './TimeAgo';
export { ActionError } from './ActionError';
export { OwnerNotice, useOwnerNoticeId } from './OwnerNotice';
export { byWhom, FailureLine } from './StateLine';
