variable "name" {
  description = "Prefix of every role and policy name (the apply role may manage only roles with it)."
  type        = string
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary every role here carries (bootstrap output workload_boundary_arn); the apply role cannot create a role without it."
  type        = string
}

variable "ecr_repository_arns" {
  description = "Repositories the portal reads (images card, bump flow)."
  type        = list(string)
}

variable "data_bucket_arns" {
  description = "Data-platform buckets Prefect flow runs read and write."
  type        = list(string)
}

variable "artifacts_bucket_arn" {
  description = "Bucket of Prefect flow storage."
  type        = string
}

variable "task_secret_arns" {
  description = "Secrets ECS may inject into the portal's and Prefect's containers at start (never into flow runs)."
  type        = list(string)
}
