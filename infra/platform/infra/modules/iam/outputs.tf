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

output "prefect_flow_run_execution_role_arn" {
  description = "Execution role the worker gives flow-run tasks: image pull and logs, no secrets (set it in the work pool's base job template)."
  value       = aws_iam_role.prefect_flow_run_execution.arn
}
