import { act, renderHook } from '@testing-library/react';
import { usePolling } from './usePolling';

describe('usePolling', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  async function advance(ms: number) {
    await act(async () => {
      jest.advanceTimersByTime(ms);
    });
  }

  it('polls with doubling delays while told to, then stops', async () => {
    let running = true;
    const load = jest.fn(async () => ({ running }));
    const { result } = renderHook(() =>
      usePolling('prod', load, {
        shouldPoll: v => v.running,
        minDelayMs: 100,
        maxDelayMs: 300,
      }),
    );
    await act(async () => {});
    expect(load).toHaveBeenCalledTimes(1);
    expect(result.current.value).toEqual({ running: true });

    await advance(99);
    expect(load).toHaveBeenCalledTimes(1);
    await advance(1); // 100 ms
    expect(load).toHaveBeenCalledTimes(2);
    await advance(199);
    expect(load).toHaveBeenCalledTimes(2);
    await advance(1); // then 200 ms
    expect(load).toHaveBeenCalledTimes(3);
    await advance(300); // capped at 300 ms
    expect(load).toHaveBeenCalledTimes(4);

    running = false;
    await advance(300);
    expect(load).toHaveBeenCalledTimes(5);
    expect(result.current.value).toEqual({ running: false });
    await advance(10_000);
    expect(load).toHaveBeenCalledTimes(5);
  });

  it('keeps the last value and keeps polling through an error', async () => {
    const load = jest
      .fn<Promise<{ running: boolean }>, []>()
      .mockResolvedValueOnce({ running: true })
      .mockRejectedValueOnce(new Error('blip'))
      .mockResolvedValue({ running: false });
    const { result } = renderHook(() =>
      usePolling('prod', load, { shouldPoll: v => v.running, minDelayMs: 10 }),
    );
    await act(async () => {});
    await advance(10);
    expect(result.current.error?.message).toBe('blip');
    expect(result.current.value).toEqual({ running: true });
    await advance(20);
    expect(result.current.error).toBeUndefined();
    expect(result.current.value).toEqual({ running: false });
  });

  it('refresh loads at once and restarts the backoff', async () => {
    const load = jest.fn(async () => ({ running: false }));
    const { result } = renderHook(() =>
      usePolling('prod', load, { shouldPoll: v => v.running }),
    );
    await act(async () => {});
    expect(load).toHaveBeenCalledTimes(1);
    await act(async () => result.current.refresh());
    expect(load).toHaveBeenCalledTimes(2);
  });
});
