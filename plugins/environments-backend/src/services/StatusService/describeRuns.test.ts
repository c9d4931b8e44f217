import {
  jobRecord,
  pipelineRecord,
  workflowRecord,
} from '../../__testUtils__/records';
import type { WorkflowRun } from '../../database/EnvironmentsStore';
import {
  failureOf,
  lockInitiator,
  progressOf,
  syncHealthOf,
} from './describeRuns';
import type { Links } from './toDeployment';

const links: Links = {
  pipeline: n => `http://circleci.test/pipelines/gh/o/r/${n}`,
  workflow: (n, id) =>
    `http://circleci.test/pipelines/gh/o/r/${n}/workflows/${id}`,
  commit: sha => `http://github.test/o/r/commit/${sha}`,
};
const run = (over: Partial<WorkflowRun>): WorkflowRun => ({
  ...workflowRecord(over),
  pipeline: pipelineRecord(),
  ...over,
});

describe('progressOf', () => {
  it('counts finished jobs and names the running one', () => {
    const park = run({
      id: 'w-park',
      name: 'park-infrastructure',
      status: 'running',
    });
    const jobs = [
      jobRecord({
        id: 'a',
        workflowId: 'w-park',
        name: 'plan',
        status: 'success',
      }),
      jobRecord({
        id: 'b',
        workflowId: 'w-park',
        name: 'scale-down',
        status: 'running',
      }),
      jobRecord({
        id: 'c',
        workflowId: 'w-park',
        name: 'verify',
        status: 'blocked',
      }),
      jobRecord({
        id: 'd',
        workflowId: 'w-other',
        name: 'x',
        status: 'running',
      }),
    ];
    expect(progressOf(park, jobs)).toEqual({
      workflowId: 'w-park',
      workflowName: 'park-infrastructure',
      completed: 1,
      total: 3,
      currentJob: 'scale-down',
    });
    expect(progressOf(park, [])).toBeUndefined();
  });
});

describe('failureOf', () => {
  it('names the first failed job and links it and the rerun', () => {
    const deploy = run({ id: 'w-9', pipelineNumber: 9, status: 'failed' });
    const failure = failureOf(
      deploy,
      [
        jobRecord({ id: 'a', workflowId: 'w-9', name: 'terraform-prod-plan' }),
        jobRecord({
          id: 'b',
          workflowId: 'w-9',
          name: 'terraform-prod-apply',
          status: 'failed',
          jobNumber: 31,
        }),
      ],
      links,
    );
    expect(failure).toMatchObject({
      kind: 'deploy',
      workflowName: 'terraform-prod',
      url: 'http://circleci.test/pipelines/gh/o/r/9/workflows/w-9',
      rerunUrl: 'http://circleci.test/pipelines/gh/o/r/9/workflows/w-9',
      job: {
        name: 'terraform-prod-apply',
        url: 'http://circleci.test/pipelines/gh/o/r/9/workflows/w-9/jobs/31',
      },
    });
    expect(failureOf(deploy, [], links).job).toBeUndefined();
  });
});

describe('syncHealthOf', () => {
  const NOW = Date.parse('2026-03-01T12:00:00Z');
  const cursor = {
    environment: 'prod',
    projectSlug: 'gh/o/r',
    lastCompletedAt: '2026-03-01T11:59:50Z',
  };

  it('is healthy after a recent success', () => {
    expect(syncHealthOf(cursor, 15_000, NOW)).toMatchObject({
      failing: false,
      stale: false,
    });
  });

  it('is failing when the last error is newer than the last success', () => {
    expect(
      syncHealthOf(
        {
          ...cursor,
          lastError: 'HTTP 500',
          lastErrorAt: '2026-03-01T11:59:55Z',
        },
        15_000,
        NOW,
      ),
    ).toMatchObject({ failing: true, lastError: 'HTTP 500' });
  });

  it('is stale when the last success is older than twice the schedule', () => {
    expect(syncHealthOf(cursor, 4_000, NOW)).toMatchObject({ stale: true });
    expect(syncHealthOf(cursor, undefined, NOW)).toMatchObject({
      stale: false,
    });
  });
});

describe('lockInitiator', () => {
  it('names the portal user who took the lock', () => {
    expect(
      lockInitiator({
        environment: 'prod',
        operation: 'park',
        acquiredBy: 'user:default/ada',
        acquiredAt: '',
        expiresAt: '',
      }),
    ).toEqual({
      userEntityRef: 'user:default/ada',
      displayName: 'ada',
      via: 'portal',
    });
    expect(lockInitiator(undefined)).toBeUndefined();
  });
});
