output "endpoint" {
  description = "Writer endpoint."
  value       = aws_rds_cluster.this.endpoint
}

output "port" {
  description = "PostgreSQL port."
  value       = aws_rds_cluster.this.port
}

output "database_name" {
  description = "The database created with the cluster."
  value       = aws_rds_cluster.this.database_name
}

output "master_user_secret_arn" {
  description = "Secrets Manager secret (JSON username/password) managed and rotated by RDS: for administrators (the Data API), never for an application."
  value       = aws_rds_cluster.this.master_user_secret[0].secret_arn
}

output "security_group_id" {
  description = "Security group of the cluster."
  value       = aws_security_group.this.id
}

output "cluster_arn" {
  description = "ARN of the cluster (the Data API's --resource-arn)."
  value       = aws_rds_cluster.this.arn
}
