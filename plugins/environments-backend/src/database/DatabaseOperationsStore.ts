import type { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { isUniqueViolation, migratedClient } from './client';
import {
  IdempotencyKeyRef,
  IdempotencyLookup,
  IdempotencyRequest,
  InitiatorRecord,
  OperationAttempt,
  OperationLockRecord,
  OperationsStore,
  UnresolvedIdempotency,
} from './OperationsStore';
import { lockFromRow } from './rows';

/**
 * {@link OperationsStore} on the plugin's database. Both the lock and the
 * idempotency claim rely on the primary key: an insert either wins or fails,
 * whichever backend instance makes it.
 */
export class DatabaseOperationsStore implements OperationsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseOperationsStore> {
    return new DatabaseOperationsStore(await migratedClient(options.database));
  }

  constructor(private readonly db: Knex) {}

  async acquireLock(lock: {
    environment: string;
    operation: string;
    acquiredBy: string;
    now: Date;
    ttlMs: number;
    idempotencyKey?: string;
  }): Promise<
    { acquired: true } | { acquired: false; holder: OperationLockRecord }
  > {
    const row = {
      environment: lock.environment,
      operation: lock.operation,
      acquired_by: lock.acquiredBy,
      acquired_at: lock.now,
      expires_at: new Date(lock.now.getTime() + lock.ttlMs),
      state: 'held',
      idempotency_key: lock.idempotencyKey ?? null,
    };
    // An expired lock is never honoured; clear it first.
    await this.db('operation_locks')
      .where({ environment: lock.environment })
      .andWhere('expires_at', '<=', lock.now)
      .delete();
    try {
      await this.db('operation_locks').insert(row);
      return { acquired: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const holder = await this.db('operation_locks')
      .where({ environment: lock.environment })
      .first();
    if (!holder) {
      // Released between our insert and our read: one more try.
      try {
        await this.db('operation_locks').insert(row);
        return { acquired: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const again = await this.db('operation_locks')
          .where({ environment: lock.environment })
          .first();
        return { acquired: false, holder: lockFromRow(again) };
      }
    }
    return { acquired: false, holder: lockFromRow(holder) };
  }

  async setLockAttempt(environment: string, attempt: OperationAttempt) {
    await this.db('operation_locks')
      .where({ environment })
      .update({ attempt: JSON.stringify(attempt) });
  }

  async markLockUnknown(environment: string) {
    await this.db('operation_locks')
      .where({ environment })
      .whereNull('pipeline_id')
      .update({ state: 'unknown' });
  }

  async listLocks(): Promise<OperationLockRecord[]> {
    const rows = await this.db('operation_locks').select();
    return rows.map(lockFromRow);
  }

  async attachPipeline(
    environment: string,
    operation: string,
    pipeline: { id: string; number: number },
  ): Promise<void> {
    await this.db('operation_locks').where({ environment, operation }).update({
      pipeline_id: pipeline.id,
      pipeline_number: pipeline.number,
      state: 'held',
    });
  }

  async releaseLock(environment: string, pipelineId?: string) {
    const query = this.db('operation_locks').where({ environment });
    if (pipelineId) query.andWhere({ pipeline_id: pipelineId });
    return (await query.delete()) > 0;
  }

  async claimIdempotency<T>(
    request: IdempotencyRequest,
    now: Date,
  ): Promise<IdempotencyLookup<T>> {
    try {
      await this.db('idempotency_keys').insert({
        key: request.key,
        user_entity_ref: request.userEntityRef,
        operation: request.operation,
        environment: request.environment,
        request_fingerprint: request.fingerprint,
        response: null,
        state: 'pending',
        created_at: now,
      });
      return { state: 'new' };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const row = await this.db('idempotency_keys')
      .where({ key: request.key, user_entity_ref: request.userEntityRef })
      .first();
    if (!row) {
      // Abandoned meanwhile; the caller may retry the claim.
      return this.claimIdempotency(request, now);
    }
    if (row.request_fingerprint !== request.fingerprint) {
      return {
        state: 'mismatch',
        operation: row.operation,
        environment: row.environment,
      };
    }
    if (row.state === 'done' && row.response) {
      return { state: 'done', response: JSON.parse(row.response) as T };
    }
    const since = new Date(row.created_at).toISOString();
    const attempt = row.attempt ? JSON.parse(row.attempt) : undefined;
    return row.state === 'unknown'
      ? { state: 'unknown', since, attempt }
      : { state: 'pending', since, attempt };
  }

  async setIdempotencyAttempt(
    key: IdempotencyKeyRef,
    attempt: OperationAttempt,
  ) {
    await this.db('idempotency_keys')
      .where({ key: key.key, user_entity_ref: key.userEntityRef })
      .update({ attempt: JSON.stringify(attempt) });
  }

  async markIdempotencyUnknown(key: IdempotencyKeyRef) {
    await this.db('idempotency_keys')
      .where({ key: key.key, user_entity_ref: key.userEntityRef })
      .whereNot({ state: 'done' })
      .update({ state: 'unknown' });
  }

  async completeIdempotency(key: IdempotencyKeyRef, response: unknown) {
    await this.db('idempotency_keys')
      .where({ key: key.key, user_entity_ref: key.userEntityRef })
      .update({ response: JSON.stringify(response), state: 'done' });
  }

  async abandonIdempotency(key: IdempotencyKeyRef) {
    await this.db('idempotency_keys')
      .where({ key: key.key, user_entity_ref: key.userEntityRef })
      .whereNot({ state: 'done' })
      .delete();
  }

  async listUnresolvedIdempotency(
    before: Date,
  ): Promise<UnresolvedIdempotency[]> {
    const rows = await this.db('idempotency_keys')
      .whereNot({ state: 'done' })
      .andWhere('created_at', '<', before)
      .orderBy('created_at')
      .limit(100);
    return rows.map(r => ({
      key: r.key,
      userEntityRef: r.user_entity_ref,
      operation: r.operation,
      environment: r.environment,
      state: r.state === 'unknown' ? 'unknown' : 'pending',
      createdAt: new Date(r.created_at).toISOString(),
      attempt: r.attempt ? JSON.parse(r.attempt) : undefined,
    }));
  }

  async recordInitiator(record: InitiatorRecord, now: Date) {
    await this.db('operation_initiators')
      .insert({
        environment: record.environment,
        subject_kind: record.subjectKind,
        subject_id: record.subjectId,
        user_entity_ref: record.userEntityRef,
        operation: record.operation,
        created_at: now,
      })
      .onConflict(['environment', 'subject_kind', 'subject_id'])
      .merge(['user_entity_ref', 'operation', 'created_at']);
  }

  async hasDelivery(id: string) {
    return !!(await this.db('webhook_deliveries').where({ id }).first());
  }

  async deleteIdempotencyBefore(before: Date) {
    return this.db('idempotency_keys')
      .where('created_at', '<', before)
      .delete();
  }

  async recordDelivery(id: string, type: string, now: Date) {
    try {
      await this.db('webhook_deliveries').insert({
        id,
        type,
        received_at: now,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async deleteDeliveriesBefore(before: Date) {
    return this.db('webhook_deliveries')
      .where('received_at', '<', before)
      .delete();
  }

  async initiators(
    environment: string,
    kind: 'pipeline' | 'approval' | 'pull-request',
    ids: string[],
  ): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db('operation_initiators')
      .where({ environment, subject_kind: kind })
      .whereIn('subject_id', unique)
      .select('subject_id', 'user_entity_ref');
    return new Map(rows.map(r => [r.subject_id, r.user_entity_ref]));
  }

  async getLock(
    environment: string,
    now: Date,
  ): Promise<OperationLockRecord | undefined> {
    const row = await this.db('operation_locks')
      .where({ environment })
      .andWhere('expires_at', '>', now)
      .first();
    return row ? lockFromRow(row) : undefined;
  }
}
