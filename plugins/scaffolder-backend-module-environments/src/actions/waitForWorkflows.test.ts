import type { WorkflowStatus } from '@rocket-club/plugin-environments-common';
import { workflow } from '../__testUtils__/environmentsApi';
import { latestRuns, pipelineOutcome } from './waitForWorkflows';

describe('pipelineOutcome', () => {
  const of = (...statuses: WorkflowStatus[]) =>
    pipelineOutcome(statuses.map(s => workflow('p', s)));

  it.each<[WorkflowStatus[], WorkflowStatus | undefined]>([
    [[], undefined],
    [['running'], undefined],
    [['success', 'on_hold'], undefined],
    [['failing'], undefined],
    [['success'], 'success'],
    [['success', 'not_run'], 'success'],
    [['not_run'], 'not_run'],
    [['success', 'failed'], 'failed'],
    [['canceled', 'error'], 'error'],
    [['unauthorized', 'success'], 'unauthorized'],
    [['canceled'], 'canceled'],
  ])('%j is %s', (statuses, outcome) => {
    expect(of(...statuses)).toBe(outcome);
  });
});

describe('latestRuns', () => {
  it('keeps the newest run of each workflow', () => {
    const failed = workflow('p', 'failed', {
      id: 'w1',
      createdAt: '2026-01-01T12:00:00Z',
    });
    const rerun = workflow('p', 'running', {
      id: 'w2',
      createdAt: '2026-01-01T12:30:00Z',
    });
    const verify = workflow('p', 'success', {
      id: 'w3',
      workflowName: 'verify',
      createdAt: '2026-01-01T11:00:00Z',
    });

    expect(latestRuns([rerun, failed, verify])).toEqual([rerun, verify]);
    expect(latestRuns([failed, rerun, verify])).toEqual([rerun, verify]);
  });
});
