// @ts-check

/**
 * Scheduled park/unpark: who keeps an environment awake, what became of each
 * occurrence of the schedule, and which notifications were already sent.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('environment_keep_awake', table => {
    table.comment('Scheduled parks are skipped until `until`');
    table.string('environment', 255).primary();
    table.timestamp('until', { useTz: true }).notNullable();
    table
      .string('set_by', 255)
      .notNullable()
      .comment('The user entity ref of the owner who asked');
    table.timestamp('set_at', { useTz: true }).notNullable();
  });
  await knex.schema.createTable('schedule_runs', table => {
    table.comment(
      'One row per occurrence of a schedule: the primary key lets exactly one backend instance act on it',
    );
    table.string('environment', 255).notNullable();
    table
      .string('kind', 32)
      .notNullable()
      .comment('park, unpark or park-warning');
    table.timestamp('occurrence_at', { useTz: true }).notNullable();
    table
      .string('outcome', 32)
      .notNullable()
      .comment('claimed, triggered, skipped, failed or sent');
    table.text('reason').nullable();
    table.integer('pipeline_number').nullable();
    table.timestamp('recorded_at', { useTz: true }).notNullable();
    table.primary(['environment', 'kind', 'occurrence_at']);
  });
  await knex.schema.createTable('notifications_sent', table => {
    table.comment(
      'Events already notified (e.g. a held approval of a workflow), so each is sent once',
    );
    table.string('environment', 255).notNullable();
    table.string('event_key', 255).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['environment', 'event_key']);
    table.index(['sent_at'], 'notifications_sent_at');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('notifications_sent');
  await knex.schema.dropTable('schedule_runs');
  await knex.schema.dropTable('environment_keep_awake');
};
