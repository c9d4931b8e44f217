// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('webhook_deliveries', table => {
    table.comment(
      'CircleCI webhook deliveries already handled, so a redelivery is ignored',
    );
    table.string('id', 64).primary().comment('The event id of the delivery');
    table.string('type', 64).notNullable().comment('workflow-completed, ...');
    table
      .timestamp('received_at', { useTz: true })
      .notNullable()
      .comment('When it was first received');
    table.index(['received_at'], 'webhook_deliveries_received');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('webhook_deliveries');
};
