variable "name" {
  description = "Prefix of every role and policy name (the deploy role may manage only roles with it)."
  type        = string
}

variable "aws_region" {
  description = "Region the deploy role may act in (plus us-east-1 for CloudFront's global APIs)."
  type        = string
}

variable "circleci_org_id" {
  description = "CircleCI organization ID: OIDC issuer path and audience."
  type        = string
}

variable "circleci_project_id" {
  description = "CircleCI project ID whose jobs may assume the CircleCI roles."
  type        = string
}

variable "state_bucket" {
  description = "Bucket holding the Terraform state (and its lock objects)."
  type        = string
}

variable "park_parameter_arn" {
  description = "ARN of the SSM parameter recording the park state."
  type        = string
}

variable "ecr_repository_arns" {
  description = "Repositories CircleCI pushes to and the portal reads."
  type        = list(string)
}

variable "data_bucket_arns" {
  description = "Data-platform buckets Prefect flow runs read and write."
  type        = list(string)
}

variable "artifacts_bucket_arn" {
  description = "Bucket of deployment packages and Prefect flow storage."
  type        = string
}

variable "ork_uploads_bucket_arn" {
  description = "Bucket the ork processor reads uploads from."
  type        = string
}

variable "ork_queue_arn" {
  description = "SQS queue the ork processor consumes."
  type        = string
}

variable "task_secret_arns" {
  description = "Secrets ECS may inject into containers at start."
  type        = list(string)
}
