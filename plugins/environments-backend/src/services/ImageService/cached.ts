import { CacheService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/**
 * Reads through the cache: a value cached under `key` is returned without
 * calling `load`; otherwise `load` runs once however many callers ask at the
 * same time (in this instance), and its result is cached for `ttlMs`.
 * Failures are not cached. With `fresh`, the cached value is not read but
 * replaced.
 */
export function createCachedLoader(cache: CacheService) {
  const inFlight = new Map<string, Promise<JsonValue>>();
  return async function cached<T extends JsonValue>(
    key: string,
    ttlMs: number,
    load: () => Promise<T>,
    options: { fresh?: boolean } = {},
  ): Promise<T> {
    // A fresh read (the background refresh) skips the cached value but
    // still replaces it, and still joins a load already under way.
    const hit = options.fresh ? undefined : await cache.get<T>(key);
    if (hit !== undefined) return hit;
    let pending = inFlight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = load()
        .then(async value => {
          await cache.set(key, value, { ttl: ttlMs });
          return value;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };
}
