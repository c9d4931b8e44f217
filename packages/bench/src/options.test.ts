import { benchOptions } from './options';

describe('benchOptions', () => {
  it('defaults to the figures of issue 8', () => {
    expect(benchOptions([])).toMatchObject({
      portal: true,
      history: true,
      latencyMs: 50,
      viewers: 50,
      images: 10_000,
      pipelines: 100_000,
    });
  });

  it('runs one part and reads numbers', () => {
    expect(
      benchOptions(['--only', 'history', '--pipelines', '1000']),
    ).toMatchObject({ portal: false, history: true, pipelines: 1000 });
    expect(benchOptions(['--only', 'portal,scale'])).toMatchObject({
      portal: true,
      scale: true,
      history: false,
    });
    expect(benchOptions(['--help'])).toBeUndefined();
  });

  it('refuses bad values, quoting them', () => {
    expect(() => benchOptions(['--viewers', 'many'])).toThrow(
      'Invalid viewers "many"',
    );
    expect(() => benchOptions(['--only', 'all'])).toThrow(
      'Invalid --only "all"',
    );
    expect(() => benchOptions(['--cold-runs', '0'])).toThrow(
      'must be at least 1',
    );
  });
});
