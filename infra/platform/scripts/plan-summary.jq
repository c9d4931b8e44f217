# The value-free summary of a saved plan (`terraform show -json` of it):
# what changes and how, never to what. `terraform show -json` prints
# sensitive values in clear, so everything that can hold a value (before,
# after, after_unknown, *_sensitive, prior_state, planned_values,
# configuration, variables) is dropped; only these fields are kept.
def change_summary:
  {
    address,
    module_address,
    mode,
    type,
    name,
    index,
    change: { actions: .change.actions },
    action_reason
  };

{
  format_version,
  terraform_version,
  timestamp,
  resource_changes: [(.resource_changes // [])[] | change_summary],
  resource_drift: [(.resource_drift // [])[] | change_summary],
  output_changes: ((.output_changes // {}) | map_values({ actions: .actions }))
}
