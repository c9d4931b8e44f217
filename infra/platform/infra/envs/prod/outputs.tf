output "parked" {
  description = "The park state this configuration was applied with."
  value       = var.parked
}

output "portal_url" {
  description = "Public URL of the Backstage portal (CloudFront)."
  value       = local.portal_url
}

output "pipelines_url" {
  description = "Public URL of the Prefect UI and API (CloudFront)."
  value       = local.pipelines_url
}

output "portal_health_url" {
  description = "What verify-prod-endpoints probes for the portal (CircleCI context PROD_PORTAL_HEALTH_URL)."
  value       = "${local.portal_url}/.backstage/health/v1/readiness"
}

output "pipelines_health_url" {
  description = "What verify-prod-endpoints probes for pipelines (CircleCI context PROD_PIPELINES_HEALTH_URL)."
  value       = "${local.pipelines_url}/api/health"
}

output "pinned_image_digests" {
  description = "Digest each pinned image tag resolved to at plan time."
  value       = { for local_name, image in data.aws_ecr_image.pinned : local_name => image.image_digest }
}

output "pinned_images" {
  description = "What ECS runs: each pinned image by digest."
  value       = local.by_digest
}

output "prefect_flow_run_roles" {
  description = "Roles to set in the ECS work pool's base job template: execution (image pull, logs; no secrets) and task (data buckets)."
  value = {
    execution_role_arn = module.iam.prefect_flow_run_execution_role_arn
    task_role_arn      = module.iam.prefect_flow_run_task_role_arn
  }
}

output "aurora_data_api" {
  description = "What `aws rds-data execute-statement` needs to create the application users (infra/README.md)."
  value = {
    resource_arn = module.aurora.cluster_arn
    secret_arn   = module.aurora.master_user_secret_arn
    database     = module.aurora.database_name
  }
}

output "cache_portal_user" {
  description = "The portal's cache user, whose password the operator sets once (infra/README.md, \"First apply\" step 8)."
  value = {
    user_id    = module.cache.portal_user_id
    user_name  = module.cache.portal_username
    secret_arn = module.secrets.arns["cache-portal"]
  }
}

output "ecs_cluster_name" {
  description = "The ECS cluster running the portal and Prefect."
  value       = module.ecs.cluster_name
}

output "prefect_deployer_run_task" {
  description = "What `aws ecs run-task` needs to run the Prefect deployer (prefect deploy --all) inside the VPC."
  value = {
    cluster         = module.ecs.cluster_name
    task_definition = module.ecs.prefect_deployer_task_definition_arn
    subnets         = module.networking.private_subnet_ids
    security_groups = [module.ecs.prefect_tasks_security_group_id]
  }
}

output "aurora_endpoint" {
  description = "Writer endpoint of the Aurora PostgreSQL cluster."
  value       = module.aurora.endpoint
}

output "data_buckets" {
  description = "Names of the data-platform buckets."
  value       = module.s3.bucket_ids
}

output "ork_uploads_queue_url" {
  description = "Queue between ork uploads and the ork processor (holds work while parked)."
  value       = module.ork_processor.queue_url
}
