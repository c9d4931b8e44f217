output "host" {
  description = "Primary endpoint of the cache (TLS only)."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "port" {
  description = "Port of the cache."
  value       = aws_elasticache_replication_group.this.port
}

output "portal_username" {
  description = "The user the portal logs in as (its password: secret rocket-club/prod/cache-portal, set by the operator)."
  value       = aws_elasticache_user.portal.user_name
}

output "portal_user_id" {
  description = "ID of the portal's user (aws elasticache modify-user --user-id)."
  value       = aws_elasticache_user.portal.user_id
}

output "security_group_id" {
  description = "Security group of the cache."
  value       = aws_security_group.this.id
}
