import { ReactNode } from 'react';
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
import { formatDuration, shortSha } from '../../utils/format';
import { TimeAgo } from '../common';

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

/** Columns of the deploy history table. */
export const historyColumns: TableColumn<Deployment>[] = [
  {
    title: 'Kind',
    field: 'kind',
    render: d => (
      <>
        {d.kind}
        <br />
        <Link to={d.url}>{d.workflowName}</Link>
      </>
    ),
  },
  {
    title: 'Status',
    field: 'status',
    render: d => <WorkflowStatusText status={d.status} />,
  },
  {
    title: 'Actor',
    field: 'actor',
    render: d => d.actor ?? d.triggerType ?? '–',
  },
  {
    title: 'Commit',
    render: d =>
      d.commit ? (
        <>
          {d.commit.url ? (
            <Link to={d.commit.url}>{shortSha(d.commit.sha)}</Link>
          ) : (
            <code>{shortSha(d.commit.sha)}</code>
          )}{' '}
          {d.commit.subject}
        </>
      ) : (
        '–'
      ),
  },
  {
    title: 'PR',
    render: d =>
      d.pullRequest ? (
        <Link to={d.pullRequest.url}>#{d.pullRequest.number}</Link>
      ) : (
        '–'
      ),
  },
  {
    title: 'Pipeline',
    render: d => <Link to={d.pipeline.url}>#{d.pipeline.number}</Link>,
  },
  {
    title: 'Started',
    field: 'createdAt',
    render: d => <TimeAgo iso={d.createdAt} />,
  },
  {
    title: 'Duration',
    field: 'durationMs',
    render: d => (
      <>
        {formatDuration(d.durationMs) ?? '–'}
        {d.parkedForMs !== undefined && (
          <>
            <br />
            parked {formatDuration(d.parkedForMs)}
          </>
        )}
      </>
    ),
  },
  {
    title: 'Approval wait',
    field: 'approvalWaitMs',
    render: d => formatDuration(d.approvalWaitMs) ?? '–',
  },
];
