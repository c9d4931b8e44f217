import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  AuthorizeResult,
} from '@backstage/plugin-permission-common';
import { environmentReadPermission } from '@rocket-club/plugin-environments-common';

/** Options of {@link cachedReadDecisions}. */
export interface CachedReadDecisionsOptions {
  /** How long a definitive decision is reused; 0 turns the cache off. */
  ttlMs: number;
  /** Decisions kept at most (oldest dropped first). Default 10,000. */
  maxEntries?: number;
  now?: () => number;
}

type Decision = { result: AuthorizeResult.ALLOW | AuthorizeResult.DENY };

/**
 * The read permission's decisions for a user, reused for `ttlMs`.
 *
 * Every read is still authenticated (the caller's token is checked on each
 * request) and still decided by the permission policy, but one decision per
 * user and environment serves that user's reads for a few seconds instead
 * of one permission-backend round trip per request (a signed on-behalf-of
 * token, an HTTP request and two token verifications: about a third of the
 * CPU of a warm status read, see docs/performance.md). A policy change
 * reaches reads within `ttlMs`; mutations are never cached. Only ALLOW and
 * DENY are kept; a conditional answer goes through every time.
 */
export function cachedReadDecisions(
  permissions: PermissionsService,
  options: CachedReadDecisionsOptions,
): PermissionsService {
  const now = options.now ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const decisions = new Map<string, { decision: Decision; until: number }>();
  if (options.ttlMs <= 0) return permissions;

  const keyOf = (r: AuthorizePermissionRequest, c: BackstageCredentials) => {
    const principal = c.principal as { type?: string; userEntityRef?: string };
    if (principal.type !== 'user' || !principal.userEntityRef) return undefined;
    if (r.permission.name !== environmentReadPermission.name) return undefined;
    const ref = 'resourceRef' in r ? r.resourceRef : undefined;
    return `${principal.userEntityRef}\n${ref ?? ''}`;
  };

  /** Decisions being asked for: concurrent reads of one user share one. */
  const pending = new Map<string, Promise<AuthorizePermissionResponse>>();

  const remember = (key: string, answer: AuthorizePermissionResponse) => {
    if (
      answer.result !== AuthorizeResult.ALLOW &&
      answer.result !== AuthorizeResult.DENY
    ) {
      return;
    }
    decisions.delete(key);
    decisions.set(key, {
      decision: { result: answer.result },
      until: now() + options.ttlMs,
    });
    if (decisions.size > maxEntries) {
      decisions.delete(decisions.keys().next().value!);
    }
  };

  return {
    authorizeConditional: (queries, opts) =>
      permissions.authorizeConditional(queries, opts),
    async authorize(requests, opts) {
      const keys = requests.map(r => keyOf(r, opts.credentials));
      const at = now();
      const out: (
        | AuthorizePermissionResponse
        | Promise<AuthorizePermissionResponse>
        | undefined
      )[] = keys.map(k => {
        const hit = k ? decisions.get(k) : undefined;
        if (hit && hit.until > at) return hit.decision;
        return k ? pending.get(k) : undefined;
      });
      const asked = requests
        .map((r, i) => ({ r, i }))
        .filter(({ i }) => !out[i]);
      if (asked.length > 0) {
        const answers = permissions.authorize(
          asked.map(a => a.r),
          opts,
        );
        asked.forEach(({ i }, j) => {
          const key = keys[i];
          const answer = answers.then(all => all[j]);
          out[i] = answer;
          if (!key) return;
          pending.set(key, answer);
          answer.then(
            a => remember(key, a),
            () => {},
          );
          answer
            .finally(() => {
              if (pending.get(key) === answer) pending.delete(key);
            })
            .catch(() => {});
        });
      }
      return Promise.all(out as AuthorizePermissionResponse[]);
    },
  };
}
