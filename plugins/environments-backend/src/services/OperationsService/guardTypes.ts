import type {
  AuditorService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type {
  OperationKind,
  OperationResult,
} from '@rocket-club/plugin-environments-common';
import type { EnvironmentDefinition } from '../../config';
import type { EnvironmentsStore } from '../../database/EnvironmentsStore';
import type {
  OperationAttempt,
  OperationsStore,
} from '../../database/OperationsStore';
import type { Reconciler } from './reconcile';
import type { OperationContext } from './types';

/** Lets an operation record what it is about to send, before it sends it. */
export interface Sender {
  sending(attempt: OperationAttempt): Promise<void>;
}

/** What one guarded operation needs. */
export interface GuardedOperation {
  operation: OperationResult['operation'];
  permission: ResourcePermission<'catalog-entity'>;
  definition: EnvironmentDefinition;
  ctx: OperationContext;
  /** Workflows of these kinds in flight refuse the operation. */
  conflictsWith: OperationKind[];
  /** Hold the environment's lock until the triggered pipeline finishes. */
  takesLock: boolean;
  /** The request's own fields, to recognise a reused idempotency key. */
  input: Record<string, unknown>;
  /** Why the environment's state refuses the operation (already parked). */
  precondition?: () => Promise<string | undefined>;
  /** Works out (dry run) or does the operation. */
  act: (sender: Sender) => Promise<OperationResult>;
}

/** The dependencies of {@link runGuarded}. */
export interface GuardDeps {
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  store: OperationsStore;
  history: Pick<EnvironmentsStore, 'listUnfinishedWorkflows'>;
  reconciler: Reconciler;
  now: () => Date;
  lockTtlMs: number;
  /** A lock or key with nothing sent, or no answer, for longer is orphaned. */
  windowMs: number;
  /** Told when recovery changes what a page shows (a lock adopted or released). */
  notify?: (environment: string) => void;
}
