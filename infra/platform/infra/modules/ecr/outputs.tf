output "repository_name" {
  description = "Name of the repository."
  value       = aws_ecr_repository.this.name
}

output "repository_arn" {
  description = "ARN of the repository."
  value       = aws_ecr_repository.this.arn
}

output "repository_url" {
  description = "<registry>/<name>, the prefix of every image reference in it."
  value       = aws_ecr_repository.this.repository_url
}
