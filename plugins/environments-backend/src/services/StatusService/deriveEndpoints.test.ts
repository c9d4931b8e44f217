import { deriveEndpoints } from './deriveEndpoints';

const endpoints = [
  { name: 'portal', url: 'http://e.test/portal' },
  { name: 'pipelines', url: 'http://e.test/pipelines' },
];
const sample = (ok: boolean) => ({
  environment: 'prod',
  endpoint: 'portal',
  checkedAt: '2026-01-01T00:00:00.000Z',
  ok,
  httpStatus: ok ? 200 : 502,
  latencyMs: 42,
  error: ok ? undefined : 'bad gateway',
  expectedDown: false,
});

describe('deriveEndpoints', () => {
  it('reports up with latency and uptime, unknown without samples', () => {
    expect(
      deriveEndpoints(
        endpoints,
        [
          {
            endpoint: 'portal',
            latest: sample(true),
            total: 10,
            ok: 9,
            expectedDownFailures: 0,
          },
        ],
        'active',
      ),
    ).toEqual([
      {
        name: 'portal',
        url: 'http://e.test/portal',
        status: 'up',
        httpStatus: 200,
        latencyMs: 42,
        checkedAt: '2026-01-01T00:00:00.000Z',
        uptime24h: 0.9,
        samples24h: 10,
        error: undefined,
      },
      {
        name: 'pipelines',
        url: 'http://e.test/pipelines',
        status: 'unknown',
        samples24h: 0,
        uptime24h: undefined,
        httpStatus: undefined,
        latencyMs: undefined,
        checkedAt: undefined,
        error: undefined,
      },
    ]);
  });

  it.each([
    ['active', 'down'],
    ['deploying', 'down'],
    ['parked', 'expected-down'],
    ['parking', 'expected-down'],
    ['unparking', 'expected-down'],
  ] as const)('a failing probe while %s is %s', (state, status) => {
    const [portal] = deriveEndpoints(
      endpoints,
      [
        {
          endpoint: 'portal',
          latest: sample(false),
          total: 4,
          ok: 2,
          expectedDownFailures: 2,
        },
      ],
      state,
    );
    expect(portal).toMatchObject({ status, error: 'bad gateway' });
  });

  it('does not count failures while parked against the uptime', () => {
    const [portal] = deriveEndpoints(
      endpoints,
      [
        {
          endpoint: 'portal',
          latest: sample(false),
          total: 4,
          ok: 2,
          expectedDownFailures: 2,
        },
      ],
      'parked',
    );
    expect(portal.uptime24h).toBe(1);
    expect(portal.samples24h).toBe(4);
  });
});
