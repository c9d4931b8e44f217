import { createViewCache } from './createViewCache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>(r => (resolve = r));
  return { promise, resolve };
}

describe('createViewCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 0));

  it('computes a view once for concurrent readers and serves it until the TTL', async () => {
    const views = createViewCache({ ttlMs: 2000, now });
    const compute = jest.fn(async () => ({ state: 'active' }));
    const all = await Promise.all(
      Array.from({ length: 50 }, () => views.get('prod', 'status', compute)),
    );
    expect(new Set(all).size).toBe(1);
    expect(compute).toHaveBeenCalledTimes(1);
    clock = 1999;
    await views.get('prod', 'status', compute);
    expect(compute).toHaveBeenCalledTimes(1);
    clock = 2000;
    await views.get('prod', 'status', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('drops one environment, or all, on a change', async () => {
    const views = createViewCache({ ttlMs: 60_000, now });
    const prod = jest.fn(async () => 'prod');
    const dev = jest.fn(async () => 'dev');
    await views.get('prod', 'status', prod);
    await views.get('dev', 'status', dev);
    views.invalidate('prod');
    await views.get('prod', 'status', prod);
    await views.get('dev', 'status', dev);
    expect(prod).toHaveBeenCalledTimes(2);
    expect(dev).toHaveBeenCalledTimes(1);
    views.invalidate();
    await views.get('dev', 'status', dev);
    expect(dev).toHaveBeenCalledTimes(2);
  });

  it('does not keep a view computed across a change, nor a failure', async () => {
    const views = createViewCache({ ttlMs: 60_000, now });
    const slow = deferred<string>();
    const reading = views.get('prod', 'status', () => slow.promise);
    views.invalidate('prod'); // a write lands while the read runs
    slow.resolve('before the write');
    await expect(reading).resolves.toBe('before the write');
    await expect(
      views.get('prod', 'status', async () => 'after the write'),
    ).resolves.toBe('after the write');

    const failing = jest.fn(async () => {
      throw new Error('database gone');
    });
    await expect(views.get('prod', 'history', failing)).rejects.toThrow(
      'database gone',
    );
    await expect(
      views.get('prod', 'history', async () => 'recovered'),
    ).resolves.toBe('recovered');
  });

  it('computes every time with TTL 0', async () => {
    const views = createViewCache({ ttlMs: 0, now });
    const compute = jest.fn(async () => 1);
    await views.get('prod', 'status', compute);
    await views.get('prod', 'status', compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });
});
