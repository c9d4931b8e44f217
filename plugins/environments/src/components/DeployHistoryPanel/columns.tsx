import { CSSProperties, ReactNode } from 'react';
import {
  Link,
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
  TableColumn,
} from '@backstage/core-components';
import type {
  Deployment,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';
import { formatAbsolute, formatDuration, shortSha } from '../../utils/format';
import { byWhom, TimeAgo } from '../common';

const STATUS: Record<
  WorkflowStatus,
  (props: { children?: ReactNode }) => JSX.Element
> = {
  success: StatusOK,
  running: StatusRunning,
  failing: StatusRunning,
  on_hold: StatusWarning,
  not_run: StatusPending,
  failed: StatusError,
  error: StatusError,
  unauthorized: StatusError,
  canceled: StatusAborted,
};

/** A workflow status as the Backstage status icon plus its name. */
export function WorkflowStatusText(props: { status: WorkflowStatus }) {
  const Status = STATUS[props.status] ?? StatusPending;
  return <Status>{props.status.replace('_', ' ')}</Status>;
}

// Cells never break words: short values stay on one line, long ones are
// cut with an ellipsis and carry the full text in a title.
const oneLine: CSSProperties = {
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
};
// Widths in pixels (960 in all): the table fits its card from 1280 px up
// and scrolls sideways below that, rather than cutting every cell short.
const column = (width: number): Partial<TableColumn<Deployment>> => ({
  width: `${width}px`,
  cellStyle: oneLine,
  headerStyle: { whiteSpace: 'nowrap' },
});

/** Columns of the deploy history table (fixed layout). */
export const historyColumns: TableColumn<Deployment>[] = [
  {
    title: 'Workflow',
    ...column(170),
    render: d => (
      <span title={`${d.kind}: ${d.workflowName}`}>
        <Link to={d.url}>{d.workflowName}</Link>
      </span>
    ),
  },
  {
    title: 'Status',
    ...column(110),
    render: d => <WorkflowStatusText status={d.status} />,
  },
  {
    title: 'By',
    ...column(120),
    render: d => {
      const who = byWhom(d.initiatedBy, d.actor)?.replace(/^by /, '');
      const approved =
        d.approvedBy && `approved by ${d.approvedBy.displayName}`;
      const text = [who ?? d.triggerType ?? '–', approved]
        .filter(Boolean)
        .join(', ');
      return <span title={text}>{text}</span>;
    },
  },
  {
    title: 'Commit',
    ...column(240),
    // Only a deploy applies a commit; park, unpark and rebuild run on one
    // but deploy nothing of it.
    render: d =>
      d.kind === 'deploy' && d.commit ? (
        <span title={d.commit.subject ?? d.commit.sha}>
          {d.commit.url ? (
            <Link to={d.commit.url}>{shortSha(d.commit.sha)}</Link>
          ) : (
            <code>{shortSha(d.commit.sha)}</code>
          )}{' '}
          {d.commit.subject}
        </span>
      ) : (
        '–'
      ),
  },
  {
    title: 'PR',
    ...column(60),
    render: d =>
      d.kind === 'deploy' && d.pullRequest ? (
        <Link to={d.pullRequest.url}>#{d.pullRequest.number}</Link>
      ) : (
        '–'
      ),
  },
  {
    title: 'Pipeline',
    ...column(80),
    render: d => <Link to={d.pipeline.url}>#{d.pipeline.number}</Link>,
  },
  {
    title: 'Started',
    ...column(180),
    render: d => (
      <span title={formatAbsolute(d.createdAt)}>
        <TimeAgo iso={d.createdAt} />
        {d.durationMs !== undefined && <> · {formatDuration(d.durationMs)}</>}
        {d.approvalWaitMs !== undefined && (
          <> · held {formatDuration(d.approvalWaitMs)}</>
        )}
        {d.parkedForMs !== undefined && (
          <> · parked {formatDuration(d.parkedForMs)}</>
        )}
      </span>
    ),
  },
];
