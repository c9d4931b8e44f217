/**
 * Short-lived views of an environment read from the database (status,
 * summaries, history pages), shared by every reader of this instance.
 *
 * Reads are authorized before a view is taken from here; a view holds no
 * per-user data. Concurrent readers of a missing view share one
 * computation. Any change invalidates the environment's views: local writes
 * directly, other instances' writes through the `environments:<name>`
 * signals they publish (see {@link subscribeToViewChanges}); what is left
 * (time passing, writes nobody announced) is bounded by `ttlMs`.
 *
 * @internal
 */
export interface ViewCache {
  /** The view under `key`, computed when missing or stale. */
  get<T>(
    environment: string,
    key: string,
    compute: () => Promise<T>,
  ): Promise<T>;
  /** Drops the views of one environment, or of all. */
  invalidate(environment?: string): void;
}

interface Views {
  generation: number;
  entries: Map<string, { value: Promise<unknown>; until: number }>;
}

/** Creates a {@link ViewCache}; `ttlMs` 0 computes every view every time. */
export function createViewCache(options: {
  ttlMs: number;
  /** Views kept per environment at most. Default 100. */
  maxPerEnvironment?: number;
  now?: () => number;
}): ViewCache {
  const now = options.now ?? Date.now;
  const max = options.maxPerEnvironment ?? 100;
  const byEnvironment = new Map<string, Views>();
  const views = (environment: string) => {
    let v = byEnvironment.get(environment);
    if (!v) {
      v = { generation: 0, entries: new Map() };
      byEnvironment.set(environment, v);
    }
    return v;
  };

  return {
    async get<T>(environment: string, key: string, compute: () => Promise<T>) {
      if (options.ttlMs <= 0) return compute();
      const v = views(environment);
      const at = now();
      const hit = v.entries.get(key);
      if (hit && hit.until > at) return hit.value as Promise<T>;
      const generation = v.generation;
      const value = compute();
      v.entries.delete(key);
      v.entries.set(key, { value, until: at + options.ttlMs });
      if (v.entries.size > max)
        v.entries.delete(v.entries.keys().next().value!);
      // A view computed across a change may hold the old data: not kept.
      const forget = () => {
        if (v.entries.get(key)?.value === value) v.entries.delete(key);
      };
      value.then(() => v.generation !== generation && forget(), forget);
      return value;
    },
    invalidate(environment) {
      const targets = environment
        ? [views(environment)]
        : [...byEnvironment.values()];
      for (const v of targets) {
        v.generation++;
        v.entries.clear();
      }
    },
  };
}
