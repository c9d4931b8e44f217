import { SandboxStats, statsDelta } from './sandbox';

const stats = (
  circleci: Record<string, number>,
  ecr: Record<string, number> = {},
): SandboxStats => {
  const of = (byOperation: Record<string, number>) => ({
    requests: Object.values(byOperation).reduce((a, b) => a + b, 0),
    faulted: 0,
    byOperation,
  });
  return {
    circleci: of(circleci),
    github: of({}),
    ecr: of(ecr),
    endpoints: of({ 'GET /portal/health': 99 }),
  };
};

describe('statsDelta', () => {
  it('counts what happened between two snapshots, by operation, without probes', () => {
    const before = stats({ 'GET /api/v2/pipeline/{id}/workflow': 3 });
    const after = stats(
      {
        'GET /api/v2/pipeline/{id}/workflow': 5,
        'GET /api/v2/project/gh/rlhatcher/rocket-club/pipeline': 1,
      },
      { DescribeImages: 10 },
    );
    after.endpoints.requests = 150;
    expect(statsDelta(before, after)).toEqual({
      circleci: {
        requests: 3,
        byOperation: {
          'GET /api/v2/pipeline/{id}/workflow': 2,
          'GET /api/v2/project/gh/rlhatcher/rocket-club/pipeline': 1,
        },
      },
      github: { requests: 0, byOperation: {} },
      ecr: { requests: 10, byOperation: { DescribeImages: 10 } },
      total: 13,
    });
  });
});
