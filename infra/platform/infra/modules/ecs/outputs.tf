output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "alb_arn" {
  description = "Internal ALB, the CloudFront VPC origin."
  value       = aws_lb.this.arn
}

output "surface_header_name" {
  description = "Header the ALB routes on; each CloudFront distribution sets it to its surface."
  value       = var.surface_header_name
}

output "portal_security_group_id" {
  description = "Security group of the portal tasks."
  value       = aws_security_group.portal.id
}

output "prefect_server_security_group_id" {
  description = "Security group of the Prefect server tasks."
  value       = aws_security_group.prefect_server.id
}

output "prefect_tasks_security_group_id" {
  description = "Security group of the worker, deployer and flow-run tasks."
  value       = aws_security_group.prefect_tasks.id
}

output "prefect_deployer_task_definition_arn" {
  description = "Task definition of the Prefect deployer."
  value       = aws_ecs_task_definition.prefect_deployer.arn
}

output "prefect_api_url" {
  description = "Prefect API URL inside the VPC."
  value       = local.prefect_api_url
}

output "flow_run_log_group" {
  description = "Log group for flow-run tasks (set it in the work pool's base job template)."
  value       = aws_cloudwatch_log_group.this["prefect-flow-runs"].name
}

output "alb_dns_name" {
  description = "DNS name of the internal ALB."
  value       = aws_lb.this.dns_name
}
