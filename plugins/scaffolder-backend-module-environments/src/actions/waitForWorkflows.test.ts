import type { WorkflowStatus } from '@rocket-club/plugin-environments-common';
import { workflow } from '../__testUtils__/environmentsApi';
import { pipelineOutcome } from './waitForWorkflows';

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
