output "arns" {
  description = "Secret ARNs by short name."
  value       = { for key, secret in aws_secretsmanager_secret.this : key => secret.arn }
}
