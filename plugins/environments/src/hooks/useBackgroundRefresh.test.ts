import { act, render, renderHook } from '@testing-library/react';
import { createElement } from 'react';
import { TimeAgo } from '../components/common/TimeAgo';
import { useBackgroundRefresh } from './useBackgroundRefresh';

function setVisibility(state: 'visible' | 'hidden') {
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => state,
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('useBackgroundRefresh', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => {
    jest.useRealTimers();
    setVisibility('visible');
  });

  it('refreshes every 30 s while visible, pauses while hidden, catches up on return', () => {
    const refresh = jest.fn();
    setVisibility('visible');
    renderHook(() => useBackgroundRefresh(refresh));
    act(() => jest.advanceTimersByTime(30_000));
    expect(refresh).toHaveBeenCalledTimes(1);

    act(() => setVisibility('hidden'));
    act(() => jest.advanceTimersByTime(120_000));
    expect(refresh).toHaveBeenCalledTimes(1);

    act(() => setVisibility('visible'));
    expect(refresh).toHaveBeenCalledTimes(2);
    act(() => jest.advanceTimersByTime(30_000));
    expect(refresh).toHaveBeenCalledTimes(3);
  });
});

describe('TimeAgo', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('ticks on an open page', () => {
    const iso = new Date().toISOString();
    const { container } = render(createElement(TimeAgo, { iso }));
    expect(container.textContent).toBe('just now');
    act(() => jest.advanceTimersByTime(3 * 60_000));
    expect(container.textContent).toBe('3 minutes ago');
  });
});
