import { DateTime } from 'luxon';
import {
  formatDuration,
  formatPercent,
  formatRelative,
  shortSha,
} from './format';
import { newIdempotencyKey } from './idempotencyKey';

describe('format', () => {
  it('formats durations compactly', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(4 * 60_000 + 12_000)).toBe('4m 12s');
    expect(formatDuration(3_840_000)).toBe('1h 4m');
    expect(formatDuration(undefined)).toBeUndefined();
    expect(formatDuration(-1)).toBeUndefined();
  });

  it('formats times relative to now', () => {
    const now = DateTime.fromISO('2026-03-01T12:00:00Z');
    expect(formatRelative('2026-03-01T09:00:00Z', now)).toBe('3 hours ago');
    expect(formatRelative(undefined)).toBeUndefined();
    expect(formatRelative('not a date')).toBe('not a date');
  });

  it('formats ratios and shas', () => {
    expect(formatPercent(0.995)).toBe('99.5%');
    expect(formatPercent(1)).toBe('100%');
    expect(shortSha('0123456789abcdef')).toBe('0123456');
  });
});

describe('newIdempotencyKey', () => {
  const UUID =
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('makes distinct v4 UUIDs, also without randomUUID', () => {
    expect(newIdempotencyKey()).toMatch(UUID);
    const spy = jest
      .spyOn(globalThis.crypto, 'randomUUID')
      .mockImplementation(undefined as any);
    (globalThis.crypto as any).randomUUID = undefined;
    try {
      const a = newIdempotencyKey();
      expect(a).toMatch(UUID);
      expect(newIdempotencyKey()).not.toBe(a);
    } finally {
      spy.mockRestore();
    }
  });
});
