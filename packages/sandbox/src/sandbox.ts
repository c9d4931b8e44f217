import { SandboxAdminClient } from './admin/SandboxAdminClient';
import { SandboxClock } from './clock';
import { ContractViolation } from './contracts/violations';
import {
  RecordedRequest,
  UpstreamFaultOptions,
  UpstreamName,
  UpstreamStats,
} from './faults';
import { SandboxWorld } from './world';

/**
 * A running sandbox.
 *
 * @public
 */
export interface Sandbox {
  /** e.g. `http://127.0.0.1:7010/api/v2` */
  circleciUrl: string;
  /** The CircleCI stand-in's web pages, e.g. `http://localhost:7010/app`. */
  circleciAppUrl: string;
  githubUrl: string;
  ecrUrl: string;
  endpointsUrl: string;
  clock: SandboxClock;
  /** The admin API over HTTP, as a separate process's sandbox is driven. */
  admin: SandboxAdminClient;
  /** Requests per upstream since the last reset. */
  stats(): Record<UpstreamName, UpstreamStats>;
  /** The requests each upstream served since the last reset, in order. */
  requests(): Record<UpstreamName, RecordedRequest[]>;
  /** Clears counts, delays, queued faults and recorded violations. */
  reset(): void;
  /** Sets an upstream's delay and queues faults. */
  faults(upstream: UpstreamName, options: UpstreamFaultOptions): void;
  violations(): ContractViolation[];
  /** Whether the environment is parked (what the endpoints report). */
  parked(): boolean;
  /** A developer push: a commit on the branch and its webhook pipeline. */
  push(options?: {
    branch?: string;
    message?: string;
    actor?: string;
    files?: Record<string, string>;
  }): {
    commit: string;
    pipeline: { id: string; number: number };
  };
  /** Waits for webhook deliveries in flight. */
  settle(): Promise<void>;
  /** The in-memory state, for tests. */
  world: SandboxWorld;
  close(): Promise<void>;
}
