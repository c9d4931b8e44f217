import { quantile, summarize, timeSequential } from './stats';

describe('quantile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(values, 0.5)).toBe(50);
    expect(quantile(values, 0.95)).toBe(95);
    expect(quantile(values, 1)).toBe(100);
    expect(quantile(values, 0)).toBe(1);
    expect(quantile([7], 0.95)).toBe(7);
    expect(quantile([1, 2, 3], 0.5)).toBe(2);
  });

  it('refuses no values and quantiles out of range', () => {
    expect(() => quantile([], 0.5)).toThrow('No values');
    expect(() => quantile([1], 1.5)).toThrow('Invalid quantile 1.5');
  });
});

describe('summarize', () => {
  it('sorts a copy and rounds', () => {
    const samples = [3.333, 1, 2, 10];
    expect(summarize(samples)).toEqual({
      n: 4,
      p50: 2,
      p95: 10,
      mean: 4.08,
      max: 10,
    });
    expect(samples).toEqual([3.333, 1, 2, 10]);
  });
});

describe('timeSequential', () => {
  it('runs one after the other and times each run', async () => {
    const order: string[] = [];
    const times = await timeSequential(3, async i => {
      order.push(`start ${i}`);
      await new Promise(r => setTimeout(r, 5));
      order.push(`end ${i}`);
    });
    expect(order).toEqual([
      'start 0',
      'end 0',
      'start 1',
      'end 1',
      'start 2',
      'end 2',
    ]);
    expect(times).toHaveLength(3);
    times.forEach(t => expect(t).toBeGreaterThanOrEqual(4));
  });
});
