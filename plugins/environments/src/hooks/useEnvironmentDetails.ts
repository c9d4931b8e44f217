import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type { EnvironmentDetails } from '@rocket-club/plugin-environments-common';
import { environmentsApiRef } from '../api';
import { PolledValue, usePolling } from './usePolling';

const TRANSITIONS = ['parking', 'unparking', 'deploying'];

/**
 * Whether something is running that will change the environment soon: a
 * workflow in flight, a transitional state, or a lock. The lock matters
 * right after an operation is triggered (its pipeline is not synced yet)
 * and right after it finished (the lock is released a moment later).
 */
export function isInFlight(details: EnvironmentDetails): boolean {
  return (
    details.inFlight.length > 0 ||
    details.lock !== undefined ||
    TRANSITIONS.includes(details.state)
  );
}

/**
 * Backoff of the status polling. Exported for tests and for apps that want
 * to poll less.
 *
 * @public
 */
export interface EnvironmentPolling {
  /** The first delay after a change, in milliseconds. */
  minDelayMs?: number;
  /** The longest delay between polls, in milliseconds. */
  maxDelayMs?: number;
}

/**
 * The details of an environment, polled with backoff while something is in
 * flight (see `useLiveEnvironment` for signals and the background refresh).
 */
export function useEnvironmentDetails(
  name: string,
  polling: EnvironmentPolling = {},
): PolledValue<EnvironmentDetails> {
  const api = useApi(environmentsApiRef);
  const load = useCallback(() => api.getEnvironment(name), [api, name]);
  return usePolling(name, load, {
    shouldPoll: isInFlight,
    ...polling,
  });
}
