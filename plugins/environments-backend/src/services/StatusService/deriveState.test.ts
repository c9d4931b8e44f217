import type {
  EnvironmentState,
  OperationKind,
  WorkflowStatus,
} from '@rocket-club/plugin-environments-common';
import { pipelineRecord } from '../../__testUtils__/records';
import type { WorkflowRun } from '../../database/EnvironmentsStore';
import { deriveLock, deriveState, findHeldApproval } from './deriveState';

const at = (minute: number) =>
  new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

const UNFINISHED = ['running', 'failing', 'on_hold'];

/** `kind:status@minute`, e.g. `park:success@3`. */
function run(spec: string): WorkflowRun {
  const [, kind, status, minute] = /^(\w+):(\w+)@(\d+)$/.exec(spec)!;
  const m = Number(minute);
  return {
    environment: 'prod',
    id: `w-${spec}`,
    pipelineId: `p-${m}`,
    pipelineNumber: m,
    name: kind,
    kind: kind as OperationKind,
    status: status as WorkflowStatus,
    createdAt: at(m),
    stoppedAt: UNFINISHED.includes(status) ? undefined : at(m + 1),
    approval:
      status === 'on_hold'
        ? { requestId: `ar-${m}`, jobName: 'hold', since: at(m) }
        : undefined,
    pipeline: pipelineRecord({ id: `p-${m}`, number: m, actor: `user${m}` }),
  };
}

describe('deriveState', () => {
  it.each<[string, string[], EnvironmentState, string | undefined]>([
    ['no history', [], 'unknown', undefined],
    [
      'only other workflows',
      ['other:success@1', 'rebuild:success@2'],
      'unknown',
      undefined,
    ],
    [
      'a deploy, never parked',
      ['deploy:success@1'],
      'active',
      'deploy:success@1',
    ],
    [
      'parked',
      ['unpark:success@1', 'park:success@5'],
      'parked',
      'park:success@5',
    ],
    [
      'unparked',
      ['park:success@1', 'unpark:success@5'],
      'active',
      'unpark:success@5',
    ],
    [
      'parking',
      ['unpark:success@1', 'park:running@5'],
      'parking',
      'park:running@5',
    ],
    [
      'parking, a job already failed',
      ['park:failing@5'],
      'parking',
      'park:failing@5',
    ],
    [
      'unparking',
      ['park:success@1', 'unpark:running@5'],
      'unparking',
      'unpark:running@5',
    ],
    [
      'deploying',
      ['unpark:success@1', 'deploy:running@5'],
      'deploying',
      'deploy:running@5',
    ],
    [
      'awaiting approval',
      ['deploy:success@1', 'deploy:on_hold@5'],
      'awaiting-approval',
      'deploy:on_hold@5',
    ],
    [
      'a park in flight wins over a deploy in flight',
      ['deploy:on_hold@4', 'park:running@5'],
      'parking',
      'park:running@5',
    ],
    [
      'the newest deploy failed: still active, the failure beside it',
      ['unpark:success@1', 'deploy:failed@5'],
      'active',
      'unpark:success@1',
    ],
    [
      'the newest park failed',
      ['deploy:success@1', 'park:failed@5'],
      'failed',
      'park:failed@5',
    ],
    ['a park errored', ['park:error@5'], 'failed', 'park:error@5'],
    [
      'a deploy after a failed park fixed it',
      ['park:failed@1', 'deploy:success@5'],
      'active',
      'deploy:success@5',
    ],
    [
      'a deploy while parked keeps it parked',
      ['park:success@1', 'deploy:success@5'],
      'parked',
      'park:success@1',
    ],
    [
      'a failed deploy while parked keeps it parked',
      ['park:success@1', 'deploy:failed@5'],
      'parked',
      'park:success@1',
    ],
    [
      'a canceled park changed nothing',
      ['unpark:success@1', 'park:canceled@5'],
      'active',
      'unpark:success@1',
    ],
    [
      'a canceled deploy hold changed nothing',
      ['park:success@1', 'deploy:canceled@5'],
      'parked',
      'park:success@1',
    ],
    [
      'a rebuild does not touch the state',
      ['park:success@1', 'rebuild:running@5'],
      'parked',
      'park:success@1',
    ],
    [
      'an old failure is history',
      ['deploy:failed@1', 'deploy:success@5'],
      'active',
      'deploy:success@5',
    ],
  ])('%s', (_, history, state, source) => {
    // Order must not matter: shuffle by reversing.
    const derived = deriveState(history.map(run).reverse());
    expect(derived.state).toBe(state);
    expect(derived.source?.id).toBe(source && `w-${source}`);
  });

  it('names the failed deploy or park beside the state', () => {
    expect(
      deriveState([run('unpark:success@1'), run('deploy:failed@5')]).failure
        ?.id,
    ).toBe('w-deploy:failed@5');
    expect(
      deriveState([run('deploy:success@1'), run('park:failed@5')]),
    ).toMatchObject({ state: 'failed', failure: { id: 'w-park:failed@5' } });
    expect(
      deriveState([run('deploy:failed@1'), run('deploy:success@5')]).failure,
    ).toBeUndefined();
  });

  it('is parking from the moment the lock is held, before CircleCI shows it', () => {
    const lockRow = {
      environment: 'prod',
      operation: 'park',
      acquiredBy: 'user:default/ada',
      acquiredAt: at(7),
      expiresAt: at(90),
    };
    const history = [run('unpark:success@1')];
    expect(deriveState(history, lockRow)).toMatchObject({
      state: 'parking',
      since: at(7),
    });
    // The pipeline is attached but not listed yet: still parking.
    expect(
      deriveState(history, { ...lockRow, pipelineId: 'p-9', pipelineNumber: 9 })
        .state,
    ).toBe('parking');
    // Seen finished (the lock is released a moment later): parked.
    expect(
      deriveState([...history, run('park:success@9')], {
        ...lockRow,
        pipelineId: 'p-9',
        pipelineNumber: 9,
      }).state,
    ).toBe('parked');
    // A rebuild's lock is no state of the environment.
    expect(
      deriveState(history, { ...lockRow, operation: 'rebuild' }).state,
    ).toBe('active');
  });

  it('says since when and by whom', () => {
    expect(deriveState([run('park:success@5')])).toMatchObject({
      since: at(6),
      actor: 'user5',
    });
    expect(deriveState([run('park:running@5')])).toMatchObject({
      since: at(5),
    });
    const held = run('deploy:on_hold@5');
    held.approval!.since = at(9);
    expect(deriveState([held]).since).toBe(at(9));
  });

  it('breaks created_at ties by id, as the history does', () => {
    const a = run('park:success@5');
    const b = { ...run('unpark:success@5'), id: 'w-z' };
    expect(deriveState([a, b]).state).toBe('active');
    expect(deriveState([b, a]).state).toBe('active');
  });
});

describe('deriveLock', () => {
  it('is held by the newest unfinished park, unpark or deploy', () => {
    expect(
      deriveLock([run('deploy:success@1'), run('rebuild:running@2')]),
    ).toBeUndefined();
    expect(
      deriveLock([run('deploy:on_hold@3'), run('park:running@2')]),
    ).toEqual({
      kind: 'deploy',
      pipelineId: 'p-3',
      pipelineNumber: 3,
      workflowId: 'w-deploy:on_hold@3',
      since: at(3),
    });
  });

  it('prefers the lock row of the write side', () => {
    expect(
      deriveLock([run('deploy:running@3')], {
        environment: 'prod',
        operation: 'park',
        pipelineId: 'p-9',
        pipelineNumber: 9,
        acquiredAt: at(8),
        expiresAt: at(38),
      }),
    ).toEqual({
      kind: 'park',
      pipelineId: 'p-9',
      pipelineNumber: 9,
      since: at(8),
    });
  });
});

describe('findHeldApproval', () => {
  it('finds the newest held deploy first', () => {
    const other = { ...run('other:on_hold@7') };
    expect(
      findHeldApproval([
        run('deploy:on_hold@3'),
        run('deploy:on_hold@5'),
        other,
      ])?.id,
    ).toBe('w-deploy:on_hold@5');
    expect(findHeldApproval([other])?.id).toBe('w-other:on_hold@7');
    expect(findHeldApproval([run('deploy:running@5')])).toBeUndefined();
  });
});
