# Secret containers only: Terraform never sees the values. Operators set them
# with `aws secretsmanager put-secret-value` (infra/README.md, "Secrets"), and
# ECS injects individual JSON keys into containers at start. No exception:
# where a service needs the value too (the database users, the cache user of
# modules/cache), the operator sets it there as well, because the state is
# readable by the plan role that every branch may assume.
resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = "${var.name_prefix}/${each.key}"
  description             = each.value
  recovery_window_in_days = var.recovery_window_days
}
