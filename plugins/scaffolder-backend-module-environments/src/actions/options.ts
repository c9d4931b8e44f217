import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import type { Clock } from './waitForWorkflows';

/**
 * What every environments action needs: the auth service, to turn the
 * template initiator's credentials into a token for the environments
 * backend, and discovery, to find that backend.
 */
export interface EnvironmentActionOptions {
  auth: AuthService;
  discovery: DiscoveryService;
}

/** Options of the actions that can wait for their pipeline. */
export interface PipelineActionOptions extends EnvironmentActionOptions {
  /** The clock that `waitForCompletion` polls by; the real one by default. */
  clock?: Clock;
  /** How often `waitForCompletion` polls, in milliseconds; 10 s by default. */
  pollIntervalMs?: number;
}
