// @ts-check

/**
 * The environments plugin's tables: what ingestion keeps of CircleCI
 * (pipelines, workflows, jobs), endpoint probe samples, ingestion cursors,
 * and the write side's per-environment locks and idempotency keys.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('pipelines', table => {
    table.comment('CircleCI pipelines of the environments, by environment');
    table.string('environment', 255).notNullable().comment('Environment name');
    table.string('id', 64).notNullable().comment('CircleCI pipeline id');
    table.bigInteger('number').notNullable().comment('Pipeline number');
    table.string('project_slug', 255).notNullable().comment('Project slug');
    table.string('state', 32).notNullable().comment('Pipeline state');
    table.string('branch', 255).nullable().comment('Branch it ran on');
    table.string('revision', 64).nullable().comment('Commit sha');
    table.text('commit_subject').nullable().comment('Commit subject');
    table.integer('pull_request_number').nullable().comment('Code review id');
    table.text('pull_request_url').nullable().comment('Code review URL');
    table.string('actor', 255).nullable().comment('Login that triggered it');
    table.string('trigger_type', 32).nullable().comment('webhook, api, ...');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When CircleCI created it');
    table
      .boolean('terminal')
      .notNullable()
      .defaultTo(false)
      .comment('True once it and all its workflows have finished');
    table
      .timestamp('synced_at', { useTz: true })
      .notNullable()
      .comment('When ingestion last read it');
    table.primary(['environment', 'id']);
    table.index(['environment', 'terminal'], 'pipelines_environment_terminal');
    table.index(['environment', 'number'], 'pipelines_environment_number');
  });

  await knex.schema.createTable('workflows', table => {
    table.comment('CircleCI workflows of the pipelines: the deploy history');
    table.string('environment', 255).notNullable().comment('Environment name');
    table.string('id', 64).notNullable().comment('CircleCI workflow id');
    table.string('pipeline_id', 64).notNullable().comment('Its pipeline');
    table
      .bigInteger('pipeline_number')
      .notNullable()
      .comment('Pipeline number');
    table.string('name', 255).notNullable().comment('Workflow name');
    table
      .string('kind', 16)
      .notNullable()
      .comment('deploy, park, unpark, rebuild or other (from the config)');
    table.string('status', 32).notNullable().comment('CircleCI status');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it started');
    table
      .timestamp('stopped_at', { useTz: true })
      .nullable()
      .comment('When it finished');
    table
      .string('approval_request_id', 64)
      .nullable()
      .comment('approval_request_id of its held approval job, while on hold');
    table.string('approval_job', 255).nullable().comment('That job name');
    table
      .timestamp('on_hold_since', { useTz: true })
      .nullable()
      .comment('When the hold began');
    table
      .bigInteger('approval_wait_ms')
      .nullable()
      .comment('How long it waited for approval, once approved');
    table.primary(['environment', 'id']);
    table.index(
      ['environment', 'created_at', 'id'],
      'workflows_environment_created',
    );
    table.index(
      ['environment', 'kind', 'created_at', 'id'],
      'workflows_environment_kind_created',
    );
    table.index(['environment', 'pipeline_id'], 'workflows_pipeline');
  });

  await knex.schema.createTable('jobs', table => {
    table.comment('CircleCI jobs of the workflows that have approvals');
    table.string('environment', 255).notNullable().comment('Environment name');
    table.string('id', 64).notNullable().comment('CircleCI job id');
    table.string('workflow_id', 64).notNullable().comment('Its workflow');
    table.string('name', 255).notNullable().comment('Job name');
    table.string('type', 16).notNullable().comment('build or approval');
    table.string('status', 32).notNullable().comment('CircleCI status');
    table.bigInteger('job_number').nullable().comment('Job number');
    table.timestamp('started_at', { useTz: true }).nullable().comment('Start');
    table.timestamp('stopped_at', { useTz: true }).nullable().comment('End');
    table
      .string('approval_request_id', 64)
      .nullable()
      .comment('For approval jobs: the id to approve with');
    table.string('approved_by', 64).nullable().comment('Approver (user id)');
    table.primary(['environment', 'id']);
    table.index(['environment', 'workflow_id'], 'jobs_workflow');
  });

  await knex.schema.createTable('probe_samples', table => {
    table.comment('Results of probing the configured endpoints');
    table.bigIncrements('id').comment('Row id');
    table.string('environment', 255).notNullable().comment('Environment name');
    table.string('endpoint', 255).notNullable().comment('Endpoint name');
    table
      .timestamp('checked_at', { useTz: true })
      .notNullable()
      .comment('When it was probed');
    table.boolean('ok').notNullable().comment('Answered 2xx or 3xx in time');
    table.integer('http_status').nullable().comment('HTTP status, if any');
    table.integer('latency_ms').nullable().comment('Time to the answer');
    table.text('error').nullable().comment('Why it failed');
    table
      .boolean('expected_down')
      .notNullable()
      .defaultTo(false)
      .comment('The environment was parked or parking: a failure is expected');
    table.index(
      ['environment', 'endpoint', 'checked_at'],
      'probe_samples_endpoint_checked',
    );
    table.index(['checked_at'], 'probe_samples_checked');
  });

  await knex.schema.createTable('ingestion_cursors', table => {
    table.comment('Where ingestion got to, per environment');
    table.string('environment', 255).primary().comment('Environment name');
    table.string('project_slug', 255).notNullable().comment('Project slug');
    table.string('branch', 255).nullable().comment('Branch filter');
    table
      .bigInteger('newest_pipeline_number')
      .nullable()
      .comment('Newest pipeline number seen');
    table
      .timestamp('last_started_at', { useTz: true })
      .nullable()
      .comment('Start of the last sync');
    table
      .timestamp('last_completed_at', { useTz: true })
      .nullable()
      .comment('End of the last successful sync');
    table
      .text('last_error')
      .nullable()
      .comment('Error of the last failed sync');
    table
      .timestamp('last_error_at', { useTz: true })
      .nullable()
      .comment('When it failed');
  });

  await knex.schema.createTable('operation_locks', table => {
    table.comment(
      'One operation in flight per environment (park, unpark, deploy), shared by all backend instances',
    );
    table.string('environment', 255).primary().comment('Environment name');
    table.string('operation', 32).notNullable().comment('park, unpark, ...');
    table.string('pipeline_id', 64).nullable().comment('Pipeline triggered');
    table.bigInteger('pipeline_number').nullable().comment('Its number');
    table.string('acquired_by', 255).nullable().comment('Principal');
    table
      .timestamp('acquired_at', { useTz: true })
      .notNullable()
      .comment('When it was taken');
    table
      .timestamp('expires_at', { useTz: true })
      .notNullable()
      .comment('When it lapses if never released');
  });

  await knex.schema.createTable('idempotency_keys', table => {
    table.comment('First results of operations, by idempotency key and user');
    table.string('key', 255).notNullable().comment('Idempotency-Key');
    table.string('user_entity_ref', 255).notNullable().comment('Caller');
    table.string('operation', 32).notNullable().comment('Operation');
    table.string('environment', 255).notNullable().comment('Environment');
    table
      .string('request_fingerprint', 128)
      .nullable()
      .comment('Hash of the request, to refuse a reused key');
    table.text('response').nullable().comment('The first result, as JSON');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the key was first used');
    table.primary(['key', 'user_entity_ref']);
    table.index(['created_at'], 'idempotency_keys_created');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.dropTable('operation_locks');
  await knex.schema.dropTable('ingestion_cursors');
  await knex.schema.dropTable('probe_samples');
  await knex.schema.dropTable('jobs');
  await knex.schema.dropTable('workflows');
  await knex.schema.dropTable('pipelines');
};
