# Secret containers only: Terraform never sees the values. Operators set them
# with `aws secretsmanager put-secret-value` (infra/README.md, "Secrets"), and
# ECS injects individual JSON keys into containers at start.
resource "aws_secretsmanager_secret" "this" {
  for_each = var.secrets

  name                    = "${var.name_prefix}/${each.key}"
  description             = each.value
  recovery_window_in_days = var.recovery_window_days
}
