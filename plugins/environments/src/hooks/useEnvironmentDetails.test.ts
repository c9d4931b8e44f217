import { makeDetails } from '../__fixtures__/environments';
import { isInFlight } from './useEnvironmentDetails';

describe('isInFlight', () => {
  it('is false for a settled environment', () => {
    expect(isInFlight(makeDetails('active'))).toBe(false);
    expect(isInFlight(makeDetails('parked'))).toBe(false);
  });

  it('is true while a workflow runs or the state is transitional', () => {
    expect(isInFlight(makeDetails('parking'))).toBe(true);
    expect(isInFlight(makeDetails('awaiting-approval'))).toBe(true);
    expect(isInFlight({ ...makeDetails('unparking'), inFlight: [] })).toBe(
      true,
    );
  });

  it('is true while a lock is held, before its pipeline is synced or after it finished', () => {
    const parked = makeDetails('parked');
    const lock = makeDetails('parking').lock!;
    // Just triggered: still active, the park pipeline not synced yet.
    expect(isInFlight({ ...makeDetails('active'), lock })).toBe(true);
    // Just finished: parked, the lock released a moment later.
    expect(isInFlight({ ...parked, lock })).toBe(true);
  });
});
