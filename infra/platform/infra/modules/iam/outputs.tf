output "circleci_deploy_role_arn" {
  description = "Role CircleCI's Terraform jobs assume (context variable AWS_ROLE_ARN)."
  value       = aws_iam_role.circleci_deploy.arn
}

output "circleci_image_push_role_arn" {
  description = "Role CircleCI's image builds assume (context variable AWS_IMAGE_PUSH_ROLE_ARN)."
  value       = aws_iam_role.circleci_image_push.arn
}

output "ecs_execution_role_arn" {
  description = "ECS task execution role (image pull, logs, secret injection)."
  value       = aws_iam_role.ecs_execution.arn
}

output "portal_task_role_arn" {
  description = "Task role of the Backstage portal."
  value       = aws_iam_role.portal_task.arn
}

output "prefect_worker_task_role_arn" {
  description = "Task role of the Prefect ECS worker."
  value       = aws_iam_role.prefect_worker_task.arn
}

output "prefect_flow_run_task_role_arn" {
  description = "Task role the worker gives flow-run tasks (set it in the work pool's base job template)."
  value       = aws_iam_role.prefect_flow_run.arn
}

output "prefect_deployer_task_role_arn" {
  description = "Task role of the Prefect deployer task."
  value       = aws_iam_role.prefect_deployer_task.arn
}

output "ork_processor_role_arn" {
  description = "Execution role of the ork processor Lambda."
  value       = aws_iam_role.ork_processor.arn
}
