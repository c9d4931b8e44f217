import { ManualClock } from './clock';

describe('ManualClock', () => {
  it('fires due timers in time order, including ones they schedule', async () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimer(200, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(100, () => {
      fired.push(`a@${clock.now()}`);
      clock.setTimer(50, () => fired.push(`c@${clock.now()}`));
    });
    const cancel = clock.setTimer(150, () => fired.push('cancelled'));
    cancel();
    await clock.advance(199);
    expect(fired).toEqual(['a@100', 'c@150']);
    expect(clock.now()).toBe(199);
    await clock.advance(1);
    expect(fired).toEqual(['a@100', 'c@150', 'b@200']);
    expect(clock.pending()).toBe(0);
  });
});
