import { call, startTestSandbox } from '../__testUtils__/testSandbox';
import { parkedNightTimes } from './seed';

const H = 3_600_000;

describe('parked nights in the seeded history', () => {
  it('are the last nights 20:00-07:00 UTC that ended before now', () => {
    const now = Date.parse('2025-06-02T09:00:00Z');
    expect(
      parkedNightTimes({ count: 2, now }, now - 10 * 24 * H).map(n => [
        new Date(n.park).toISOString(),
        new Date(n.unpark).toISOString(),
      ]),
    ).toEqual([
      ['2025-05-31T20:00:00.000Z', '2025-06-01T07:00:00.000Z'],
      ['2025-06-01T20:00:00.000Z', '2025-06-02T07:00:00.000Z'],
    ]);
    // At 03:00 the night is not over: the one before counts.
    expect(
      parkedNightTimes(
        { count: 1, now: Date.parse('2025-06-02T03:00:00Z') },
        now - 10 * 24 * H,
      ).map(n => new Date(n.unpark).toISOString()),
    ).toEqual(['2025-06-01T07:00:00.000Z']);
    // Never before the seeded history's own park and unpark.
    expect(parkedNightTimes({ count: 5, now }, now - 2 * 24 * H)).toHaveLength(
      1,
    );
    expect(parkedNightTimes(undefined, 0)).toEqual([]);
  });

  it('are served as park and unpark pipelines, ending active', async () => {
    const sandbox = await startTestSandbox({ parkedNights: 1 });
    try {
      const res = await call(
        `${sandbox.circleciUrl}/project/gh/rlhatcher/rocket-club/pipeline`,
        { headers: { 'Circle-Token': 'sandbox-circleci-token' } },
      );
      const created = (res.body.items as { created_at: string }[]).map(
        p => p.created_at,
      );
      expect(created).toEqual(
        expect.arrayContaining([
          '2025-06-01T20:00:00.000Z',
          '2025-06-02T07:00:00.000Z',
        ]),
      );
      expect(sandbox.parked()).toBe(false);
    } finally {
      await sandbox.close();
    }
  });
});
