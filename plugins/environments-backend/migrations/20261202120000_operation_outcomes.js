// @ts-check

/**
 * Operations whose outcome is unknown, and who caused what.
 *
 * - `idempotency_keys.state` / `operation_locks.state`: `pending` while the
 *   request is in flight, `unknown` when its answer was lost (timeout,
 *   dropped connection, 5xx after sending) until reconciliation adopts what
 *   CircleCI or GitHub shows or proves that nothing happened.
 * - `attempt`: what was sent and when (JSON), written before the upstream
 *   call, so that a request that died with its process can be reconciled.
 * - `operation_initiators`: the Backstage user behind every pipeline,
 *   approval and pull request that the portal caused.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('idempotency_keys', table => {
    table
      .string('state', 16)
      .notNullable()
      .defaultTo('pending')
      .comment('pending, unknown (answer lost, being reconciled) or done');
    table
      .text('attempt')
      .nullable()
      .comment('What was sent upstream and when (JSON), for reconciliation');
  });
  // Rows written before this migration: a response means done.
  await knex('idempotency_keys')
    .whereNotNull('response')
    .update({ state: 'done' });

  await knex.schema.alterTable('operation_locks', table => {
    table
      .string('state', 16)
      .notNullable()
      .defaultTo('held')
      .comment('held, or unknown while its trigger is being reconciled');
    table
      .text('attempt')
      .nullable()
      .comment('The trigger sent for this lock (JSON), for reconciliation');
    table
      .string('idempotency_key', 255)
      .nullable()
      .comment('The Idempotency-Key of the request that took the lock');
  });

  await knex.schema.createTable('operation_initiators', table => {
    table.comment(
      'The Backstage user behind each pipeline, approval and pull request the portal caused',
    );
    table.string('environment', 255).notNullable().comment('Environment');
    table
      .string('subject_kind', 16)
      .notNullable()
      .comment('pipeline, approval (of a workflow) or pull-request');
    table
      .string('subject_id', 64)
      .notNullable()
      .comment('Pipeline id, workflow id or pull request number');
    table
      .string('user_entity_ref', 255)
      .notNullable()
      .comment('The Backstage user who asked');
    table
      .string('operation', 32)
      .notNullable()
      .comment('park, unpark, rebuild, trigger, approve or bump');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was recorded');
    table.primary(['environment', 'subject_kind', 'subject_id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('operation_initiators');
  await knex.schema.alterTable('operation_locks', table => {
    table.dropColumn('idempotency_key');
    table.dropColumn('attempt');
    table.dropColumn('state');
  });
  await knex.schema.alterTable('idempotency_keys', table => {
    table.dropColumn('attempt');
    table.dropColumn('state');
  });
};
