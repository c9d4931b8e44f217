// @ts-check

/**
 * The review of the plan behind each held apply, read once per workflow
 * from the plan job's value-free summary artifact.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('plan_reviews', table => {
    table.comment(
      'The value-free plan summary of each held workflow, as reviewed',
    );
    table.string('workflow_id', 64).primary().comment('The held workflow');
    table.string('environment', 255).notNullable().comment('Environment name');
    table
      .string('status', 16)
      .notNullable()
      .comment('ok, missing or invalid (stale is decided when read)');
    table
      .timestamp('plan_created_at', { useTz: true })
      .nullable()
      .comment("Terraform's timestamp of the plan");
    table
      .text('digest')
      .nullable()
      .comment('Counts and changed resources (no values), as JSON');
    table.text('reason').nullable().comment('Why the summary is unusable');
    table
      .timestamp('fetched_at', { useTz: true })
      .notNullable()
      .comment('When the artifact was read');
    table.index(['environment'], 'plan_reviews_environment_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('plan_reviews');
};
